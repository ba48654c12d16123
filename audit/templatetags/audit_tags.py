from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def action_label(entry: LogEntry) -> str:
    labels = {
        LogEntry.Action.CREATE: _("création"),
        LogEntry.Action.UPDATE: _("modification"),
        LogEntry.Action.DELETE: _("suppression"),
        LogEntry.Action.ACCESS: _("consultation"),
    }
    return labels.get(entry.action, "")


@register.filter
def field_changes(entry: LogEntry) -> list[tuple[str, Any, Any]]:
    """(field label, before, after) with display values, in a stable order."""
    shown = entry.changes_display_dict
    return [(label, values[0], values[1]) for label, values in sorted(shown.items())]
