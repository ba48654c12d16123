"""Proposing a change to a recorded decision: a draft proposal that amends or supersedes
it (a recorded decision itself never changes). Reached from the decision's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.permissions import CONTRIBUTE, refusal
from accounts.http import AuthenticatedRequest
from decisions.models import Decision
from decisions.proposals.services import Handling, Scope, proposal_create
from decisions.register.selectors import Status, statuses_of
from decisions.register.views import can_propose_change
from decisions.selectors import get_decision_for_user
from governance.models import FrameworkObject


def _propose_change(request: AuthenticatedRequest, pk: int, *, supersede: bool) -> HttpResponse:
    decision = get_decision_for_user(request.user, pk)
    if not can_propose_change(request.user, decision):
        raise PermissionDenied(refusal(CONTRIBUTE))
    if statuses_of(Decision.objects.filter(pk=decision.pk))[decision.pk] == Status.SUPERSEDED:
        messages.error(request, _("Cette décision est remplacée : elle ne change plus."))
        return redirect(decision)
    title = (
        _("Remplacement de la décision %(reference)s : %(title)s")
        if supersede
        else _("Modification de la décision %(reference)s : %(title)s")
    ) % {"reference": decision.reference, "title": decision.title}
    try:
        proposal = proposal_create(
            body=decision.body,
            proposer=request.user,
            title=title[:200],
            text=decision.text,
            handling=Handling(process=decision.process),
            scope=Scope(
                object=_current_object(decision),
                amends=None if supersede else decision,
                supersedes=decision if supersede else None,
            ),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(decision)
    messages.success(
        request,
        _("Le brouillon de proposition est prêt : rédigez le nouveau texte, puis ouvrez-la."),
    )
    return redirect(proposal)


def _current_object(decision: Decision) -> FrameworkObject | None:
    """The object with the decision's lineage in the body's latest adopted framework (a
    newer version may exist since the decision), or the decision's own object."""
    if decision.object is None:
        return None
    current = (
        FrameworkObject.objects.filter(
            framework__body_id=decision.body_id,
            framework__adopted_on__isnull=False,
            lineage=decision.object.lineage,
        )
        .order_by("-framework__version")
        .first()
    )
    return current or decision.object


@require_POST
@login_required
def decision_amend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _propose_change(request, pk, supersede=False)


@require_POST
@login_required
def decision_supersede(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _propose_change(request, pk, supersede=True)
