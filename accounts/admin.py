from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, Person
from core.admin_base import CleanModelAdmin
from core.forms import CleanTextMixin


class PersonChangeForm(CleanTextMixin, UserChangeForm):
    """Django's user form, its text cleaned like every form of the project."""


class PersonCreationForm(CleanTextMixin, AdminUserCreationForm):
    """Django's new-user form (passwords are left as typed), its text cleaned."""


@admin.register(Person)
class PersonAdmin(UserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Identité"), {"fields": ("first_name", "last_name", "phone")}),
        (
            _("Profil relationnel"),
            {"fields": ("presentation", "stakes", "difficulties", "projects", "expertise")},
        ),
        (_("Droits"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("email", "first_name", "last_name", "password1", "password2")}),
    )


@admin.register(Invitation)
class InvitationAdmin(CleanModelAdmin):
    list_display = ["email", "territory", "body", "created_at", "expires_at", "accepted_at"]
    list_filter = ["territory"]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by"]
