from django.contrib import admin

from core.admin_base import CleanModelAdmin, CleanTabularInline
from followup.models import Action, ActionNote, DecisionReview, Implementation


class ActionNoteInline(CleanTabularInline):
    model = ActionNote
    extra = 0


@admin.register(Action)
class ActionAdmin(CleanModelAdmin):
    list_display = ("title", "body", "owner", "due_on", "status")
    list_filter = ("status", "body")
    search_fields = ("title",)
    raw_id_fields = ("decision", "owner", "organisation", "created_by")
    inlines = [ActionNoteInline]


@admin.register(Implementation)
class ImplementationAdmin(CleanModelAdmin):
    list_display = ("decision", "organisation", "owner", "due_on", "status")
    list_filter = ("status",)
    raw_id_fields = ("decision", "organisation", "owner")


@admin.register(DecisionReview)
class DecisionReviewAdmin(CleanModelAdmin):
    list_display = ("decision", "item", "created_at")
    raw_id_fields = ("decision", "item")
