"""`{% load reflection %}{% body_reflection body %}`: the "Miroir" entry of a body's page
(directory owns the page and sits below this app)."""

from __future__ import annotations

from typing import Any

from django import template

from bodies.models import Body
from reflection.models import MirrorSession, Status

register = template.Library()


@register.inclusion_tag("reflection/_body_entry.html")
def body_reflection(body: Body) -> dict[str, Any]:
    open_session = MirrorSession.objects.filter(body=body, status=Status.OPEN).exists()
    return {"body": body, "open_session": open_session}
