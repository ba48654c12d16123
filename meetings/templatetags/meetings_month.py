"""`{% month_calendar %}`: the month view of "Mon agenda" (meetings/month.py), drawn
from the page's request (`?mois=2027-01` chooses the month)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR

from meetings.month import month_for, parse_month

register = template.Library()


@register.inclusion_tag("meetings/agenda/_month.html", takes_context=True)
def month_calendar(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    first = parse_month(request.GET.get("mois"), timezone.localdate())
    return {
        "month": month_for(request.user, first),
        "weekdays": [(WEEKDAYS[n], WEEKDAYS_ABBR[n]) for n in range(7)],
    }
