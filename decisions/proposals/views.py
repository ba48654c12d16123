"""Pages of proposals: a body's list, filing a proposal, the proposal's page with its
round, objections, amendments and outcome, and the actions on it.

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
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bodies.models import Body
from bodies.selectors import can_manage_body, get_body_for_user, is_body_member
from core.forms import add_service_errors
from core.http import AuthenticatedRequest
from decisions.consent import permissions
from decisions.models import Amendment, Objection, Process, Proposal
from decisions.proposals import adoption, turns
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
from decisions.proposals.selectors import (
    ProposalState,
    body_proposals,
    proposal_state,
)
from decisions.selectors import get_proposal_for_user, proposals_for
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
            "can_file": is_body_member(request.user, body) or can_manage_body(request.user, body),
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
    if not (is_body_member(request.user, body) or can_manage_body(request.user, body)):
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


def _render_page(
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
    return _render_page(request, proposal)


# --- Actions -----------------------------------------------------------------------------


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
    return _render_page(request, proposal, {name: form}, status=400)


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
    amendment = get_object_or_404(
        Amendment.objects.filter(proposal__in=proposals_for(request.user)), pk=pk
    )
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
    objection = get_object_or_404(
        Objection.objects.filter(proposal__in=proposals_for(request.user)), pk=pk
    )
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
        return _render_page(request, proposal, {"adopt_form": form}, status=400)
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
        return _render_page(request, proposal, {"adopt_form": form}, status=400)
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
