"""`{% body_next_meeting body %}`: the next meeting of a body, shown on the body's page
(directory, a lower layer: it includes this tag instead of importing meetings)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from meetings.models import Meeting
from meetings.selectors import meetings_for

register = template.Library()


@register.inclusion_tag("meetings/body/_next_meeting.html", takes_context=True)
def body_next_meeting(context: template.Context, body: Any) -> dict[str, Any]:
    """One query: the body's first meeting not ended nor cancelled, among those the
    viewer may see."""
    upcoming = (
        meetings_for(context["request"].user)
        .filter(body_id=body.pk, ends_at__gte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("host")
        .order_by("starts_at", "pk")
        .first()
    )
    return {"body": body, "meeting": upcoming}
