"""The operator's view of the charters and reference frameworks. Adopted versions are
read-only here too: a change is a new version, written from the body's pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core.admin_base import CleanModelAdmin
from governance.models import Charter


@admin.register(Charter)
class CharterAdmin(CleanModelAdmin):
    list_display = ["body", "version", "recurrence", "adopted_on"]
    list_filter = ["body__territory"]
    search_fields = ["body__name"]
    raw_id_fields = ["body", "created_by", "adopted_by"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.is_adopted:
            return [field.name for field in Charter._meta.fields]
        return super().get_readonly_fields(request, obj)
