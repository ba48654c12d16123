"""Pages of elections without candidates: a body's elections, opening one, the election
page (nominations, reading, change round, proposal, result) and its actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.permissions import DRIVE_ELECTION, require
from access.scopes import get_body_for_user
from accounts.http import AuthenticatedRequest
from accounts.models import Person
from core.forms import add_service_errors
from elections import services
from elections.forms import ElectionForm, NominationForm, ProposeForm
from elections.models import Election
from elections.selectors import (
    body_elections,
    can_drive,
    current_nominations,
    get_election_for_user,
    is_voter,
    nomination_board,
    voters,
)


def _people(pks: list[int]) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=pks).order_by("last_name", "first_name")


@require_GET
@login_required
def body_list(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    context = {
        "body": body,
        "territory": body.territory,
        "overview": body_elections(body),
        "can_drive": can_drive(request.user, body),
    }
    return render(request, "elections/body_elections.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def election_create(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    require(request.user, DRIVE_ELECTION, body)
    initial = {"role": request.GET.get("role", Election.Role.FACILITATOR)}
    form = ElectionForm(
        request.POST if request.method == "POST" else None, initial=initial, body=body
    )
    if form.is_valid():
        try:
            election = services.election_create(
                body=body, actor=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("L'élection est ouverte : chaque membre écrit sa nomination.")
            )
            return redirect(election)
    context = {"body": body, "territory": body.territory, "form": form}
    return render(request, "elections/election_form.html", context)


@require_GET
@login_required
def election_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    election = get_election_for_user(request.user, pk)
    body = election.body
    proposals = list(election.proposals.select_related("nominee", "proposed_by", "proposal"))
    context = {
        "election": election,
        "body": body,
        "territory": body.territory,
        "board": nomination_board(election, request.user),
        "proposals": proposals,
        "current_proposal": proposals[-1] if proposals else None,
        "can_drive": can_drive(request.user, body),
        "is_voter": is_voter(request.user, body),
        "can_propose": election.in_progress and services.can_propose_now(election),
    }
    return render(request, "elections/election_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def nominate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Write one's nomination (step 2) or change it (step 4), depending on the step."""
    election = get_election_for_user(request.user, pk)
    if not is_voter(request.user, election.body):
        # Not an action refused to a member: guests and administrators who do not sit in
        # the body simply have no nomination to write.
        messages.error(request, _("Seuls les membres de l'instance écrivent une nomination."))
        return redirect(election)
    changing = election.phase == Election.Phase.CHANGES
    if election.phase not in (Election.Phase.NOMINATION, Election.Phase.CHANGES):
        messages.error(request, _("Les nominations ne s'écrivent pas à cette étape."))
        return redirect(election)
    people = _people([p.pk for p in voters(election.body)])
    board = nomination_board(election, request.user)
    initial = {}
    if board.mine is not None and not changing:
        initial = {"nominee": board.mine.nominee_id, "reason": board.mine.reason}
    form = NominationForm(
        request.POST if request.method == "POST" else None, initial=initial, people=people
    )
    if form.is_valid():
        write = services.nomination_change if changing else services.nomination_write
        try:
            write(
                election=election,
                nominator=request.user,
                nominee=form.cleaned_data["nominee"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Votre nomination est enregistrée."))
            return redirect(election)
    context = {
        "election": election,
        "body": election.body,
        "territory": election.body.territory,
        "form": form,
        "changing": changing,
        "board": board,
    }
    return render(request, "elections/nomination_form.html", context)


@require_POST
@login_required
def advance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    election = get_election_for_user(request.user, pk)
    require(request.user, DRIVE_ELECTION, election.body)
    try:
        election = services.election_advance(election=election, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Étape suivante : %(phase)s.") % {"phase": election.get_phase_display()},
        )
    return redirect(election)


@require_http_methods(["GET", "POST"])
@login_required
def propose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    election = get_election_for_user(request.user, pk)
    require(request.user, DRIVE_ELECTION, election.body)
    if not services.can_propose_now(election):
        messages.error(request, _("Ce n'est pas le moment de proposer une personne."))
        return redirect(election)
    named = current_nominations(election)
    form = ProposeForm(
        request.POST if request.method == "POST" else None,
        people=_people(sorted({n.nominee_id for n in named})),
    )
    if form.is_valid():
        try:
            services.election_propose(
                election=election,
                actor=request.user,
                nominee=form.cleaned_data["nominee"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            submitted = _(
                "La proposition est soumise au consentement ; la personne proposée parle "
                "en dernier."
            )
            messages.success(request, submitted)
            return redirect(election)
    context = {
        "election": election,
        "body": election.body,
        "territory": election.body.territory,
        "form": form,
        "board": nomination_board(election, request.user),
    }
    return render(request, "elections/propose_form.html", context)


@require_POST
@login_required
def cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    election = get_election_for_user(request.user, pk)
    require(request.user, DRIVE_ELECTION, election.body)
    try:
        services.election_cancel(election=election, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("L'élection est annulée."))
    return redirect(election)
