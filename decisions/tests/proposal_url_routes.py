"""The proposal URLs, with real objects, for codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from decisions.models import Amendment, Objection, Proposal, Turn
from decisions.proposals.services import Handling, proposal_create, proposal_open
from decisions.proposals.turns import amendment_propose, turn_record
from governance.models import Charter, Framework
from governance.tests.factories import CharterFactory, FrameworkObjectFactory
from meetings.models import AgendaItem
from meetings.tests.factories import AgendaItemFactory, MeetingFactory


def make_proposal(world: World) -> Proposal:
    return proposal_create(
        body=world.body, proposer=world.member, title="Mutualiser", text="Texte."
    )


def make_objection(world: World) -> Objection:
    proposal = make_proposal(world)
    proposal_open(proposal=proposal, actor=world.member, start_phase=Proposal.Phase.OBJECTIONS)
    turn_record(
        proposal=proposal,
        person=world.member,
        answer=Turn.Answer.OBJECTION,
        text="Raison.",
        recorded_by=world.member,
    )
    return Objection.objects.get(proposal=proposal)


def make_amendment(world: World) -> Amendment:
    proposal = make_proposal(world)
    proposal_open(proposal=proposal, actor=world.member)
    return amendment_propose(
        proposal=proposal, author=world.member, text="Autre texte.", reason="Mieux."
    )


def make_live(world: World) -> Proposal:
    meeting = MeetingFactory.create(body=world.body)
    item = AgendaItemFactory.create(meeting=meeting, kind=AgendaItem.Kind.DECISION)
    return proposal_create(
        body=world.body,
        proposer=world.member,
        title="En réunion",
        text="Texte.",
        handling=Handling(item=item, mode=Proposal.Mode.LIVE),
    )


def make_charter_draft(world: World) -> Charter:
    return CharterFactory.create(body=world.body, adopted_on=None)


def make_framework_draft(world: World) -> Framework:
    return FrameworkObjectFactory.create(
        framework__body=world.body, framework__adopted_on=None
    ).framework


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
    # The consent panel of the live meeting (decisions/live), under /reunions/.
    "decisions:live_consent": lambda w: {"pk": make_live(w).pk},
    # Submitting a charter or framework draft to consent, from governance's pages.
    "decisions:charter_submit": lambda w: {"pk": make_charter_draft(w).pk},
    "decisions:framework_submit": lambda w: {"pk": make_framework_draft(w).pk},
}
