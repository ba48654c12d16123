"""The role table in templates: show a link or an action only to who may open it.

    {% load access_tags %}
    {% allowed "territories.view_territory" territory as can_open %}
    {% if can_open %}<a href="...">...</a>{% endif %}
    {% link_if_allowed "territories.view_territory" body url text %}

The permission names are those of access/permissions.py; the object may be omitted for
permissions that need none (the operator's pages)."""

from __future__ import annotations

from typing import Any

import rules
from django import template
from django.utils.html import format_html

import access.permissions  # noqa: F401  (registers the role table with rules)

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed(context: template.Context, permission: str, obj: Any = None) -> bool:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return False
    # The role table only: asking user.has_perm would also ask Django's ModelBackend,
    # which reads the user's model permissions (two queries) on pages that need none.
    if user.is_active and user.is_superuser:
        return True  # as user.has_perm answers
    return bool(rules.has_perm(permission, user, obj))


@register.simple_tag(takes_context=True)
def link_if_allowed(
    context: template.Context, permission: str, obj: Any, url: str, text: str
) -> str:
    """A link to `url` for who may open it (`permission` on `obj`), the bare text for
    the others: a breadcrumb names the territory even to a guest who cannot open it.
    Asked about a body rather than its territory, the permission reuses the roles the
    page has already read for that body."""
    if allowed(context, permission, obj):
        return format_html('<a href="{}">{}</a>', url, text)
    return format_html("<span>{}</span>", text)
