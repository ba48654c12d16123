"""The actions on a proposal's page: open, next phase, a turn, an amendment, the
proposer's change of the text, integrate or decline an amendment, withdraw one's
objection, the collective opinion, adopt (or count the votes), withdraw. Driving is for
permissions.can_drive; answering, amending and withdrawing one's objection for the
body's members; others who may see the page get 403, outsiders 404. A refused action
shows the service's French message and keeps what was typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.roles import is_body_member
from accounts.http import AuthenticatedRequest
from core.forms import add_service_errors
from decisions.consent import permissions
from decisions.models import Objection, Process, Proposal
from decisions.proposals import adoption, turns
from decisions.proposals import services as proposal_services
from decisions.proposals.forms import (
    AdoptForm,
    AdvanceForm,
    AmendmentForm,
    AmendTextForm,
    DecideForm,
    OpinionForm,
    TurnForm,
    WithdrawObjectionForm,
    end_of_day,
)
from decisions.proposals.state import proposal_state
from decisions.proposals.views import render_page
from decisions.selectors import (
    get_amendment_for_user,
    get_objection_for_user,
    get_proposal_for_user,
)


def _driven(request: AuthenticatedRequest, pk: int) -> Proposal:
    proposal = get_proposal_for_user(request.user, pk)
    if not permissions.can_drive(request.user, proposal):
        raise PermissionDenied
    return proposal


def _as_member(request: AuthenticatedRequest, pk: int) -> Proposal:
    proposal = get_proposal_for_user(request.user, pk)
    if not is_body_member(request.user, proposal.body):
        raise PermissionDenied
    return proposal


def _done(request: AuthenticatedRequest, proposal: Proposal, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(proposal)


def _refused(
    request: AuthenticatedRequest, proposal: Proposal, error: ValidationError
) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return redirect(proposal)


def _try_form(
    request: AuthenticatedRequest,
    proposal: Proposal,
    name: str,
    form: forms.Form,
    action: Any,
    done: str,
) -> HttpResponse:
    """Validate the form, run the service; on a refusal, the page again with the form as
    typed and the errors on it."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, proposal, done)
    return render_page(request, proposal, {name: form}, status=400)


@require_POST
@login_required
def proposal_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _driven(request, pk)
    form = AdvanceForm(request.POST, prefix="advance")

    def run(data: dict[str, Any]) -> None:
        proposal_services.proposal_open(
            proposal=proposal, actor=request.user, deadline=end_of_day(data["deadline"])
        )

    return _try_form(request, proposal, "advance_form", form, run, _("La proposition est ouverte."))


@require_POST
@login_required
def proposal_advance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _driven(request, pk)
    form = AdvanceForm(request.POST, prefix="advance")

    def run(data: dict[str, Any]) -> None:
        proposal_services.proposal_advance(
            proposal=proposal, actor=request.user, deadline=end_of_day(data["deadline"])
        )

    return _try_form(
        request, proposal, "advance_form", form, run, _("La proposition passe à l’étape suivante.")
    )


@require_POST
@login_required
def proposal_turn(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _as_member(request, pk)
    state = proposal_state(proposal, request.user)
    form = TurnForm(request.POST, answers=state.answers, prefix="turn")

    def run(data: dict[str, Any]) -> None:
        turns.turn_record(
            proposal=proposal,
            person=request.user,
            answer=data["answer"],
            text=data["text"],
            recorded_by=request.user,
        )

    return _try_form(request, proposal, "turn_form", form, run, _("Votre réponse est enregistrée."))


def _open_objections(proposal: Proposal) -> Any:
    return Objection.objects.filter(proposal=proposal, status=Objection.Status.OPEN)


@require_POST
@login_required
def proposal_amendment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _as_member(request, pk)
    form = AmendmentForm(request.POST, objections=_open_objections(proposal), prefix="amendment")

    def run(data: dict[str, Any]) -> None:
        turns.amendment_propose(
            proposal=proposal,
            author=request.user,
            text=data["text"],
            reason=data["reason"],
            responds_to=data["responds_to"],
        )

    return _try_form(
        request, proposal, "amendment_form", form, run, _("Votre amendement est proposé.")
    )


@require_POST
@login_required
def proposal_amend_text(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _driven(request, pk)
    form = AmendTextForm(request.POST, objections=_open_objections(proposal), prefix="amend")

    def run(data: dict[str, Any]) -> None:
        turns.proposal_amend_text(
            proposal=proposal,
            actor=request.user,
            text=data["text"],
            reason=data["reason"],
            responds_to=data["responds_to"],
        )

    return _try_form(
        request,
        proposal,
        "amend_text_form",
        form,
        run,
        _("Le texte est amendé : nouvelle version."),
    )


@require_POST
@login_required
def amendment_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    amendment = get_amendment_for_user(request.user, pk)
    proposal = _driven(request, amendment.proposal_id)
    form = DecideForm(request.POST, prefix="decide")
    integrate = request.POST.get("decision") == "integrate"
    if not form.is_valid():
        return redirect(proposal)
    try:
        turns.amendment_decide(
            amendment=amendment,
            actor=request.user,
            integrate=integrate,
            response=form.cleaned_data["response"],
        )
    except ValidationError as error:
        return _refused(request, proposal, error)
    return _done(
        request,
        proposal,
        _("L’amendement est intégré : nouvelle version du texte.")
        if integrate
        else _("L’amendement n’est pas retenu."),
    )


@require_POST
@login_required
def objection_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    objection = get_objection_for_user(request.user, pk)
    proposal = get_proposal_for_user(request.user, objection.proposal_id)
    if objection.author_id != request.user.pk:
        raise PermissionDenied
    form = WithdrawObjectionForm(request.POST, prefix="withdraw")
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        turns.objection_withdraw(objection=objection, person=request.user, note=note)
    except ValidationError as error:
        return _refused(request, proposal, error)
    return _done(request, proposal, _("Votre objection est retirée."))


@require_POST
@login_required
def proposal_opinion(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _driven(request, pk)
    form = OpinionForm(request.POST, prefix="opinion")

    def run(data: dict[str, Any]) -> None:
        proposal_services.opinion_record(
            proposal=proposal, actor=request.user, text=data["opinion_text"]
        )

    return _try_form(
        request, proposal, "opinion_form", form, run, _("L’avis de l’instance est enregistré.")
    )


@require_POST
@login_required
def proposal_adopt(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _driven(request, pk)
    form = AdoptForm(request.POST, prefix="adopt")
    if not form.is_valid():
        return render_page(request, proposal, {"adopt_form": form}, status=400)
    try:
        if proposal.process == Process.VOTE:
            decision = adoption.vote_close(
                proposal=proposal, actor=request.user, review_on=form.cleaned_data["review_on"]
            )
        else:
            decision = adoption.proposal_adopt(
                proposal=proposal, actor=request.user, review_on=form.cleaned_data["review_on"]
            )
    except ValidationError as error:
        add_service_errors(form, error)
        return render_page(request, proposal, {"adopt_form": form}, status=400)
    if decision is None:
        return _done(request, proposal, _("Le vote est dépouillé : la proposition est rejetée."))
    return _done(
        request,
        proposal,
        _("Adoptée : inscrite au relevé sous le n° %(reference)s.")
        % {"reference": decision.reference},
    )


@require_POST
@login_required
def proposal_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _driven(request, pk)
    try:
        proposal_services.proposal_withdraw(proposal=proposal, actor=request.user)
    except ValidationError as error:
        return _refused(request, proposal, error)
    return _done(request, proposal, _("La proposition est retirée."))
