"""Pages of proposals: a body's list, filing a proposal, and the proposal's page with
its round, objections, amendments and outcome (the actions on it: actions.py).

Every proposal is reached through get_proposal_for_user (an outsider gets 404). Driving
(open, next phase, integrate, adopt, withdraw) is for permissions.can_drive; answering a
round, proposing an amendment and withdrawing one's objection are for the body's
members; others who may see the page get 403. A refused action shows the service's
French message and keeps what was typed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.permissions import CONTRIBUTE, allowed
from access.roles import is_body_member
from access.scopes import get_body_for_user
from accounts.http import AuthenticatedRequest
from bodies.models import Body
from core.forms import add_service_errors
from decisions.models import Objection, Process, Proposal
from decisions.proposals import services as proposal_services
from decisions.proposals.forms import (
    AdoptForm,
    AdvanceForm,
    AmendmentForm,
    AmendTextForm,
    DecideForm,
    OpinionForm,
    ProposalForm,
    TurnForm,
    WithdrawObjectionForm,
    end_of_day,
)
from decisions.proposals.selectors import body_proposals
from decisions.proposals.state import ProposalState, proposal_state
from decisions.selectors import get_proposal_for_user
from governance.selectors import current_framework, current_objects
from meetings.models import AgendaItem, Meeting

DETAIL_TEMPLATE = "decisions/proposals/detail.html"


def _body_context(body: Body) -> dict[str, Any]:
    return {"body": body, "territory": body.territory}


# --- List and filing ---------------------------------------------------------------------


@require_GET
@login_required
def body_proposals_view(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    proposals = body_proposals(body)
    return render(
        request,
        "decisions/proposals/list.html",
        {
            **_body_context(body),
            "open_proposals": [p for p in proposals if p.is_open],
            "drafts": [p for p in proposals if p.phase == Proposal.Phase.DRAFT],
            "closed": [p for p in proposals if not p.is_open and p.phase != Proposal.Phase.DRAFT],
            "can_file": allowed(request.user, CONTRIBUTE, body),
        },
    )


def _items(body: Body) -> Any:
    """Agenda items of the body's coming or running meetings, where a proposal is
    treated live."""
    return (
        AgendaItem.objects.filter(
            meeting__body=body,
            meeting__status__in=(
                Meeting.Status.PLANNED,
                Meeting.Status.AGENDA_OPEN,
                Meeting.Status.CONVENED,
                Meeting.Status.IN_PROGRESS,
            ),
        )
        .exclude(status__in=(AgendaItem.Status.MERGED, AgendaItem.Status.DEFERRED))
        .select_related("meeting")
        .order_by("meeting__starts_at", "position", "pk")
    )


@require_http_methods(["GET", "POST"])
@login_required
def proposal_create(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    if not allowed(request.user, CONTRIBUTE, body):
        raise PermissionDenied
    items = _items(body)
    initial: dict[str, Any] = {}
    item_pk = request.GET.get("item", "")
    if item_pk.isdigit():
        item = items.filter(pk=int(item_pk)).first()
        if item is not None:
            initial = {"item": item, "title": item.title, "mode": Proposal.Mode.LIVE}
            if item.kind == AgendaItem.Kind.CONSULTATION:
                initial["process"] = Process.OPINION
    has_framework = current_framework(body) is not None
    form = ProposalForm(
        request.POST or None,
        objects=current_objects(body),
        items=items,
        has_framework=has_framework,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                proposal = _file(request, body, data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Proposition déposée et ouverte.")
                if proposal.is_open
                else _("Proposition déposée en brouillon : ouvrez-la quand elle est prête."),
            )
            return redirect(proposal)
    return render(
        request,
        "decisions/proposals/form.html",
        {**_body_context(body), "form": form, "has_framework": has_framework},
    )


def _file(request: AuthenticatedRequest, body: Body, data: dict[str, Any]) -> Proposal:
    """Create the proposal, and open it at once if asked (one transaction)."""
    proposal = proposal_services.proposal_create(
        body=body,
        proposer=request.user,
        title=data["title"],
        text=data["text"],
        context=data["context"],
        handling=proposal_services.Handling(
            process=data["process"],
            mode=data["mode"],
            item=data["item"],
            vote_threshold=data["vote_threshold"],
        ),
        scope=proposal_services.Scope(object=data["object"]),
    )
    if data["open_now"]:
        proposal_services.proposal_open(
            proposal=proposal, actor=request.user, deadline=end_of_day(data["deadline"])
        )
    return proposal


# --- The proposal's page -------------------------------------------------------------------


def _forms(state: ProposalState, bound: dict[str, forms.Form]) -> dict[str, forms.Form]:
    proposal = state.proposal
    open_objections = Objection.objects.filter(
        proposal=proposal, status=Objection.Status.OPEN
    ).select_related("author")
    built: dict[str, forms.Form] = {
        "turn_form": TurnForm(answers=state.answers, prefix="turn"),
        "amendment_form": AmendmentForm(
            objections=open_objections, prefix="amendment", initial={"text": proposal.text}
        ),
        "amend_text_form": AmendTextForm(
            objections=open_objections, prefix="amend", initial={"text": proposal.text}
        ),
        "advance_form": AdvanceForm(prefix="advance"),
        "adopt_form": AdoptForm(prefix="adopt", initial={"review_on": proposal.review_on}),
        "opinion_form": OpinionForm(
            prefix="opinion", initial={"opinion_text": proposal.opinion_text}
        ),
    }
    built.update(bound)
    return built


def render_page(
    request: AuthenticatedRequest,
    proposal: Proposal,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    state = proposal_state(proposal, request.user)
    context = {
        **_body_context(proposal.body),
        "proposal": proposal,
        "state": state,
        "is_member": is_body_member(request.user, proposal.body),
        "withdraw_objection_form": WithdrawObjectionForm(prefix="withdraw"),
        "decide_form": DecideForm(prefix="decide"),
        "now": timezone.now(),
        **_forms(state, bound or {}),
    }
    return render(request, DETAIL_TEMPLATE, context, status=status)


@require_GET
@login_required
def proposal_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, pk)
    return render_page(request, proposal)
