"""Labels of invitation fields (stored as plain codes) and durations, for templates."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.translation import ngettext

from bodies.models import BodyMembership
from territories.models import Position

register = template.Library()


def _label(choices: type[Position.Function] | type[BodyMembership.Role], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@register.filter
def function_label(value: str) -> str:
    """'dgs' → 'directeur·rice général·e des services'."""
    return _label(Position.Function, value)


@register.filter
def body_role_label(value: str) -> str:
    return _label(BodyMembership.Role, value)


@register.filter
def duration(value: timedelta | None) -> str:
    """A lock-out or validity period in words: '1 heure', '30 minutes', '2 jours'."""
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    if minutes % (60 * 24) == 0 and minutes >= 60 * 24:
        days = minutes // (60 * 24)
        return ngettext("%(n)d jour", "%(n)d jours", days) % {"n": days}
    if minutes % 60 == 0 and minutes >= 60:
        hours = minutes // 60
        return ngettext("%(n)d heure", "%(n)d heures", hours) % {"n": hours}
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
