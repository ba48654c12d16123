from django.contrib import admin

from bodies.models import Body, BodyMembership
from core.admin_base import CleanModelAdmin, CleanTabularInline


class MembershipInline(CleanTabularInline):
    model = BodyMembership
    autocomplete_fields = ["person"]
    raw_id_fields = ["position"]
    extra = 0


@admin.register(Body)
class BodyAdmin(CleanModelAdmin):
    list_display = ["name", "kind", "circle", "territory"]
    list_filter = ["kind", "circle", "territory"]
    search_fields = ["name"]
    inlines = [MembershipInline]
