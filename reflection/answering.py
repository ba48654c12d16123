"""The gate in front of both questionnaires (a mirror session, a maturity round): only a
member answers, once, while it is open; anyone else is sent back to its page with why."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from access.permissions import ANSWER_REFLECTION, RULES
from accounts.http import AuthenticatedRequest
from bodies.models import Body
from reflection.models import MaturityRound, MirrorSession


def refused(
    request: AuthenticatedRequest,
    target: MirrorSession | MaturityRound,
    body: Body,
    *,
    answered: bool,
    is_open: bool,
    already: str,
    closed: str,
) -> HttpResponse | None:
    """The redirection with its message when `request.user` may not answer, else None."""
    if not request.user.has_perm(ANSWER_REFLECTION, body):
        # Those who see the body without sitting in it (an administrator, a guest) are
        # shown the page instead: only members answer.
        messages.info(request, str(RULES[ANSWER_REFLECTION][1]))
        return redirect(target)
    if answered:
        messages.info(request, already)
        return redirect(target)
    if not is_open:
        messages.error(request, closed)
        return redirect(target)
    return None
