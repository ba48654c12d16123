"""The consent panel of the live meeting: the driver's buttons on a proposal treated on
the current item (next phase, the turn of the person whose turn it is, integrate or
decline an amendment, adopt or count the votes). Each posts its `action` to one URL;
the answer is the live page's, so that the page swaps its fragment (htmx) or follows a
redirection, and every participant's page follows (each write bumps the meeting's live
version: meetings/live.py). The panel itself is rendered on the live page by the
`consent_panels` tag (decisions/templatetags/decisions.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from accounts.models import Person
from decisions.consent.permissions import can_drive
from decisions.consent.rules import next_in_turn
from decisions.models import Process, Proposal
from decisions.proposals.adoption import proposal_adopt, vote_close
from decisions.proposals.services import proposal_advance, proposal_open
from decisions.proposals.turns import amendment_decide, turn_record
from decisions.selectors import get_amendment_for_user, get_proposal_for_user
from meetings.live_views import live_answer
from meetings.models import Meeting


@dataclass(frozen=True)
class PanelAction:
    proposal: Proposal
    user: Person
    data: QueryDict


def _posted_id(raw: str) -> int | None:
    """An id posted by a form: ASCII digits of a size a primary key may have, otherwise
    None (the action then answers with its French refusal, never a server error)."""
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        return None
    return int(raw)


def _open(action: PanelAction) -> object:
    return proposal_open(proposal=action.proposal, actor=action.user)


def _advance(action: PanelAction) -> object:
    return proposal_advance(proposal=action.proposal, actor=action.user)


def _turn(action: PanelAction) -> object:
    """The driver records the answer of the person whose turn it is."""
    person = next_in_turn(action.proposal)
    if person is None:
        raise ValidationError(_("Tout le monde a répondu à ce tour."))
    return turn_record(
        proposal=action.proposal,
        person=person,
        answer=action.data.get("answer", ""),
        text=action.data.get("text", ""),
        recorded_by=action.user,
    )


def _decide(action: PanelAction, *, integrate: bool) -> object:
    amendment_pk = _posted_id(action.data.get("amendment", ""))
    try:
        amendment = get_amendment_for_user(action.user, amendment_pk or 0)
    except Http404:
        amendment = None
    if amendment is None or amendment.proposal_id != action.proposal.pk:
        raise ValidationError(_("Cet amendement n’existe pas."))
    return amendment_decide(
        amendment=amendment,
        actor=action.user,
        integrate=integrate,
        response=action.data.get("response", ""),
    )


def _adopt(action: PanelAction) -> object:
    if action.proposal.process == Process.VOTE:
        return vote_close(proposal=action.proposal, actor=action.user)
    return proposal_adopt(proposal=action.proposal, actor=action.user)


ACTIONS: dict[str, Callable[[PanelAction], object]] = {
    "open": _open,
    "advance": _advance,
    "turn": _turn,
    "integrate": partial(_decide, integrate=True),
    "decline": partial(_decide, integrate=False),
    "adopt": _adopt,
}


def _check_live(meeting: Meeting, proposal: Proposal) -> None:
    """The panel drives a proposal treated live, while its meeting is running."""
    if meeting.status != Meeting.Status.IN_PROGRESS:
        raise ValidationError(_("La réunion n’est pas en cours."))
    if proposal.mode != Proposal.Mode.LIVE:
        raise ValidationError(_("Cette proposition est traitée à distance, pas en réunion."))


@require_POST
@login_required
def consent_action(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Proposal `pk` is reached through the user's bodies (404 otherwise); only those
    who may drive it act (403)."""
    proposal = get_proposal_for_user(request.user, pk)
    if proposal.item is None:
        raise Http404
    meeting = proposal.item.meeting
    if not can_drive(request.user, proposal):
        raise PermissionDenied
    handler = ACTIONS.get(request.POST.get("action", ""))
    action = PanelAction(proposal=proposal, user=request.user, data=request.POST)

    def run() -> object:
        _check_live(meeting, proposal)
        if handler is None:
            raise ValidationError(_("Cette action n’existe pas."))
        return handler(action)

    return live_answer(request, meeting, run)
