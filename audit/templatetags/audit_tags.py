from __future__ import annotations

from datetime import date as date_type
from typing import Any

from auditlog.models import LogEntry
from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.templatetags.french import date as french_date

register = template.Library()

# Fields that record how the software works, not what anyone decided: a history page
# that shows "ics sequence" or "created at" tells a reader nothing.
TECHNICAL_FIELDS = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "ics_sequence",
        "live_version",
        "calendar_token",
        "token_hash",
        "search_text",
        "search_vector",
        "password",
        "last_login",
    }
)


@register.filter
def action_label(entry: LogEntry) -> str:
    labels = {
        LogEntry.Action.CREATE: _("création"),
        LogEntry.Action.UPDATE: _("modification"),
        LogEntry.Action.DELETE: _("suppression"),
        LogEntry.Action.ACCESS: _("consultation"),
    }
    return labels.get(entry.action, "")


def _shown_field(model: Any, name: str) -> Field[Any, Any] | None:
    """The model's own field of that name, if a reader should see its change: reverse
    relations (which auditlog lists on creation as "meetings.Meeting.None"), many-to-many
    and technical fields are left out."""
    if model is None or name in TECHNICAL_FIELDS:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not getattr(field, "concrete", False) or field.many_to_many or field.primary_key:
        return None
    return field


def _display(value: Any) -> str:
    text = "" if value is None else str(value)
    return {"None": "", "True": _("oui"), "False": _("non")}.get(text, text)


def _date_display(field: Field[Any, Any], raw: Any, shown: str) -> str:
    """A date as the rest of the site writes it ("1er janvier 2026"); auditlog's own
    formatting says "1 janvier 2026". Times keep auditlog's text."""
    if field.get_internal_type() != "DateField" or not raw or raw == "None":
        return shown
    try:
        value = date_type.fromisoformat(str(raw)[:10])
    except ValueError:
        return shown
    return french_date(value, "j F Y")


@register.filter
def field_changes(entry: LogEntry) -> list[tuple[str, str, str]]:
    """(field label, before, after) with display values, in a stable order; empty values
    are "" (the template shows a dash), never "None"."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    displayed = entry.changes_display_dict
    shown = []
    for name in entry.changes_dict:
        field = _shown_field(model, name)
        if field is None:
            continue
        label = str(field.verbose_name)
        values = displayed.get(label) or displayed.get(name) or ["", ""]
        raw = entry.changes_dict[name]
        before, after = (
            _date_display(field, raw[i], _display(values[i])) if len(raw) > i else ""
            for i in (0, 1)
        )
        shown.append((capfirst(label), before, after))
    return sorted(shown)
