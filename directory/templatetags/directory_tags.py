"""Labels of invitation fields (stored as plain codes), for templates."""

from __future__ import annotations

from django import template

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
