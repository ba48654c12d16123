"""`{% load reflection %}{% body_reflection body %}`: the "Miroir" entry of a body's page
(directory owns the page and sits below this app). No query: the body's page keeps its
query count; whether a session waits for one's answer is said on the home page and on
the mirror's own page."""

from __future__ import annotations

from typing import Any

from django import template

from bodies.models import Body

register = template.Library()


@register.inclusion_tag("reflection/_body_entry.html")
def body_reflection(body: Body) -> dict[str, Any]:
    return {"body": body}
