"""`{% load followup %}{% decision_followup decision %}`: the follow-up of a decision on
its page (its actions, the communes' implementation table, the overall progress, and
what the user may do). It reads the user from the request in the context."""

from __future__ import annotations

from typing import Any

from django import template

from decisions.models import Decision
from followup import selectors
from followup.models import Action, Implementation, Status
from followup.selectors import FollowupPermissions

register = template.Library()


@register.inclusion_tag("followup/_decision_followup.html", takes_context=True)
def decision_followup(
    context: template.Context, decision: Decision, whole: bool = False
) -> dict[str, Any]:
    """`whole`: every communes' row, a page at a time (the decision's follow-up page);
    otherwise those needing attention, a few, and a link to the rest."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"followup": None}
    page = request.GET.get("page") if whole and request is not None else None
    return {
        "followup": selectors.decision_followup(user, decision, whole=whole, page=page),
        "statuses": Status,
        "request": request,
    }


@register.filter
def status_class(status: str) -> str:
    """A CSS modifier for a status tag (the text says the status; colour only helps)."""
    return f"tag-status-{status}" if status in Status.values else ""


@register.filter
def editable_by(obj: Action | Implementation, permissions: object) -> bool:
    """Whether the page may link to the object's edit form: its owner and who manages the
    follow-up. Without `permissions` (the person's own list), the rows are theirs."""
    if not isinstance(permissions, FollowupPermissions):
        return True
    return permissions.can_edit(obj)
