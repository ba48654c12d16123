"""`{% platform_only as x %}`: whether the person is a platform operator who sits in no
body: their menu and home page show the platform's work (territories, accounts) instead
of an agenda and actions that would stay empty."""

from __future__ import annotations

from django import template

from bodies.models import BodyMembership

register = template.Library()


@register.simple_tag(takes_context=True)
def platform_only(context: template.Context) -> bool:
    """No query for anyone but an operator; one (then kept on the request) for them."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return False
    known = getattr(request, "_codir_platform_only", None)
    if known is None:
        known = not BodyMembership.objects.current().filter(person=user).exists()
        request._codir_platform_only = known  # type: ignore[union-attr]
    return bool(known)
