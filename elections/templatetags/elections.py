"""`{% load elections %}{% body_elections body %}`: the body page's block of elected roles,
elections in progress and the next ones due."""

from __future__ import annotations

from typing import Any

from django import template

from bodies.models import Body
from elections.selectors import body_elections as body_elections_overview
from elections.selectors import can_drive

register = template.Library()


@register.inclusion_tag("elections/body_elections_tag.html", takes_context=True)
def body_elections(context: dict[str, Any], body: Body) -> dict[str, Any]:
    """Three queries for the overview, one or two for the user's rights."""
    user = context["request"].user
    overview = body_elections_overview(body)
    return {
        "body": body,
        "holders": overview.holders,
        "in_progress": overview.in_progress,
        "can_drive": can_drive(user, body),
    }
