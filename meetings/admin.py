"""The operator's view of meetings and attendance."""

from __future__ import annotations

from django.contrib import admin

from core.admin_base import CleanModelAdmin, CleanTabularInline
from meetings.models import Attendance, Meeting


class AttendanceInline(CleanTabularInline):
    model = Attendance
    raw_id_fields = ["person", "represented_by"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(CleanModelAdmin):
    list_display = ["__str__", "body", "starts_at", "status", "format", "host"]
    list_filter = ["status", "format", "body__territory"]
    search_fields = ["title", "body__name", "place"]
    list_select_related = ["body", "host"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["body", "charter", "host", "facilitator", "secretary", "current_item"]
    inlines = [AttendanceInline]
