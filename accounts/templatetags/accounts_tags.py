"""Durations in words, for templates (the lock-out page)."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.translation import ngettext

register = template.Library()


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
