"""The operator's view of charters, meetings and attendance. Adopted charter versions
are read-only here too: a change is a new version, written from the charter page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from meetings.models import Attendance, Charter, Meeting


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["body", "version", "recurrence", "adopted_on"]
    list_filter = ["body__territory"]
    search_fields = ["body__name"]
    raw_id_fields = ["body", "adopted_by"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.is_adopted:
            return [field.name for field in Charter._meta.fields]
        return super().get_readonly_fields(request, obj)


class AttendanceInline(admin.TabularInline):
    model = Attendance
    raw_id_fields = ["person", "represented_by"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "body", "starts_at", "status", "format", "host"]
    list_filter = ["status", "format", "body__territory"]
    search_fields = ["title", "body__name", "place"]
    list_select_related = ["body", "host"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["body", "charter", "host", "facilitator", "secretary", "current_item"]
    inlines = [AttendanceInline]
