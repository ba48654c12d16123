"""The proposal URLs, with real objects, for core/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from decisions import consent
from decisions.models import Amendment, Objection, Proposal, Turn
from meetings.models import AgendaItem
from meetings.tests.factories import AgendaItemFactory, MeetingFactory


def make_proposal(world: World) -> Proposal:
    return consent.proposal_create(
        body=world.body, proposer=world.member, title="Mutualiser", text="Texte."
    )


def make_objection(world: World) -> Objection:
    proposal = make_proposal(world)
    consent.proposal_open(
        proposal=proposal, actor=world.member, start_phase=Proposal.Phase.OBJECTIONS
    )
    consent.turn_record(
        proposal=proposal,
        person=world.member,
        answer=Turn.Answer.OBJECTION,
        text="Raison.",
        recorded_by=world.member,
    )
    return Objection.objects.get(proposal=proposal)


def make_amendment(world: World) -> Amendment:
    proposal = make_proposal(world)
    consent.proposal_open(proposal=proposal, actor=world.member)
    return consent.amendment_propose(
        proposal=proposal, author=world.member, text="Autre texte.", reason="Mieux."
    )


def make_live(world: World) -> Proposal:
    meeting = MeetingFactory.create(body=world.body)
    item = AgendaItemFactory.create(meeting=meeting, kind=AgendaItem.Kind.DECISION)
    return consent.proposal_create(
        body=world.body,
        proposer=world.member,
        title="En réunion",
        text="Texte.",
        item=item,
        mode=Proposal.Mode.LIVE,
    )


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "decisions:body_proposals": lambda w: {"body_pk": w.body.pk},
    "decisions:proposal_create": lambda w: {"body_pk": w.body.pk},
    "decisions:proposal": lambda w: {"pk": make_proposal(w).pk},
    "decisions:proposal_open": lambda w: {"pk": make_proposal(w).pk},
    "decisions:proposal_advance": lambda w: {"pk": make_proposal(w).pk},
    "decisions:proposal_turn": lambda w: {"pk": make_proposal(w).pk},
    "decisions:proposal_amendment": lambda w: {"pk": make_proposal(w).pk},
    "decisions:proposal_amend_text": lambda w: {"pk": make_proposal(w).pk},
    "decisions:proposal_opinion": lambda w: {"pk": make_proposal(w).pk},
    "decisions:proposal_adopt": lambda w: {"pk": make_proposal(w).pk},
    "decisions:proposal_withdraw": lambda w: {"pk": make_proposal(w).pk},
    "decisions:proposal_amendment_decide": lambda w: {"pk": make_amendment(w).pk},
    "decisions:proposal_objection_withdraw": lambda w: {"pk": make_objection(w).pk},
    # The consent panel of the live meeting (meetings/live_urls.py).
    "meetings:live_consent": lambda w: {"pk": make_live(w).pk},
}
