"""Demo register of the strategic codir: twenty past entries over the last eighteen
months, each one a proposal treated through the consent services (turns, participants,
text versions), on the objects of the demo framework (decisions/demo/governance.py).

Among them: decisions amended by a later one, one superseded, one whose objection was
integrated by an amendment, avis on objects where the codir only gives an opinion,
information shared, one decision treated live in the last meeting held (linked to its
agenda item), and a few review dates soon or passed.

Idempotent: an entry is recognised by its title in the codir's register. Runs after the
framework demo; without the framework's objects it does nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body
from bodies.selectors import first_codir
from decisions.consent.rules import TURN_PHASES, participants, waiting_for
from decisions.demo.register_entries import (
    DECISIONS,
    DEMO_DOMAIN,
    DemoDecision,
    DemoObjection,
)
from decisions.models import Decision, Objection, Process, Proposal, Turn
from decisions.proposals.adoption import proposal_adopt
from decisions.proposals.services import (
    Handling,
    Scope,
    opinion_record,
    proposal_advance,
    proposal_create,
    proposal_open,
)
from decisions.proposals.turns import amendment_decide, amendment_propose, turn_record
from governance.models import FrameworkObject
from meetings.models import AgendaItem, Meeting
from territories.models import Territory

Phase = Proposal.Phase
Answer = Turn.Answer


def _codir(territory: Territory) -> Body | None:
    return first_codir(territory)


def _person(key: str) -> Person:
    return Person.objects.get(email=f"{key}@{DEMO_DOMAIN}")


def _object(body: Body, title: str) -> FrameworkObject | None:
    return (
        FrameworkObject.objects.filter(
            framework__body=body, framework__adopted_on__isnull=False, title=title
        )
        .order_by("-framework__version")
        .first()
    )


def _last_held_item(body: Body, title: str) -> AgendaItem | None:
    return (
        AgendaItem.objects.filter(
            meeting__body=body,
            meeting__status=Meeting.Status.HELD,
            meeting__starts_at__lt=timezone.now(),
            title=title,
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at")
        .first()
    )


def _round(proposal: Proposal, answer: str, texts: dict[int, str] | None = None) -> None:
    """Every participant who has not answered takes their turn."""
    texts = texts or {}
    for person in waiting_for(proposal):
        text = texts.get(person.pk, "")
        turn_record(
            proposal=proposal,
            person=person,
            answer=Answer.SPOKE if text and answer == Answer.PASSED else answer,
            text=text,
            recorded_by=person,
        )


def _to_phase(proposal: Proposal, phase: str, driver: Person, reaction: str) -> None:
    """Advance through the rounds up to `phase`; everyone passes, but for a reaction."""
    while proposal.phase != phase:
        if proposal.phase in TURN_PHASES:
            texts: dict[int, str] = {}
            if proposal.phase == Phase.REACTIONS and reaction:
                first = participants(proposal)[0]
                texts[first.pk] = reaction
            _round(proposal, Answer.PASSED, texts)
        proposal_advance(proposal=proposal, actor=driver)


def _integrate_objection(proposal: Proposal, spec: DemoObjection, driver: Person) -> None:
    """One member objects; the others consent. At the integration, the objector's
    amendment answers the objection and is integrated; a second objections round."""
    author = _person(spec.author)
    turn_record(
        proposal=proposal,
        person=author,
        answer=Answer.OBJECTION,
        text=spec.reasoning,
        recorded_by=author,
    )
    _round(proposal, Answer.CONSENT)
    proposal_advance(proposal=proposal, actor=driver)
    objection = Objection.objects.get(proposal=proposal, author=author)
    amendment = amendment_propose(
        proposal=proposal,
        author=author,
        text=spec.amended_text,
        reason=spec.reason,
        responds_to=objection,
    )
    amendment_decide(amendment=amendment, actor=driver, integrate=True, response=spec.response)
    proposal_advance(proposal=proposal, actor=driver)


def _treat(proposal: Proposal, spec: DemoDecision, driver: Person, decided_on: date) -> Decision:
    proposal_open(proposal=proposal, actor=driver)
    if spec.process == Process.INFORMATION:
        return proposal_adopt(proposal=proposal, actor=driver, decided_on=decided_on)
    if spec.process == Process.OPINION:
        _to_phase(proposal, Phase.OPINIONS, driver, spec.reaction)
        _round(proposal, Answer.PASSED)
        opinion_record(proposal=proposal, actor=driver, text=spec.opinion)
        return proposal_adopt(proposal=proposal, actor=driver, decided_on=decided_on)
    _to_phase(proposal, Phase.OBJECTIONS, driver, spec.reaction)
    if spec.objection is not None:
        _integrate_objection(proposal, spec.objection, driver)
    _round(proposal, Answer.CONSENT)
    return proposal_adopt(proposal=proposal, actor=driver, decided_on=decided_on)


def _decided_on(body: Body, spec: DemoDecision) -> tuple[date, AgendaItem | None] | None:
    """When the entry was decided, and the agenda item it was treated in (the day of
    its meeting); None when its meeting has not been held in the demo."""
    if not spec.item:
        return timezone.localdate() - timedelta(days=spec.days_ago), None
    item = _last_held_item(body, spec.item)
    if item is None:
        return None
    return timezone.localdate(item.meeting.starts_at), item


def _record(
    body: Body,
    spec: DemoDecision,
    when: tuple[date, AgendaItem | None],
    recorded: dict[str, Decision],
) -> Decision | None:
    obj = _object(body, spec.object)
    if obj is None:
        return None
    decided_on, item = when
    today = timezone.localdate()
    proposer = _person(spec.proposer)
    proposal = proposal_create(
        body=body,
        proposer=proposer,
        title=spec.title,
        text=spec.text,
        handling=Handling(
            process=spec.process,
            mode=Proposal.Mode.LIVE if item is not None else Proposal.Mode.ASYNC,
            item=item,
        ),
        scope=Scope(
            object=obj,
            amends=recorded.get(spec.amends),
            supersedes=recorded.get(spec.supersedes),
            review_on=today + timedelta(days=spec.review_in)
            if spec.review_in is not None
            else None,
        ),
    )
    return _treat(proposal, spec, proposer, decided_on)


@transaction.atomic
def demo_register(
    territory: Territory, *, before: Callable[[date], object] | None = None
) -> list[Decision]:
    """The codir's past entries, oldest first (those already there are kept as they are).
    `before(day)` runs before each entry is recorded: the demo loader records the other demo
    entries (an election) there, so that the numbers follow the dates."""
    body = _codir(territory)
    if body is None:
        return []
    existing = {d.title: d for d in Decision.objects.filter(body=body)}
    dated = [(when, spec) for spec in DECISIONS if (when := _decided_on(body, spec))]
    # Recorded in date order, so that the numbers follow the dates (and an entry that
    # amends or supersedes another comes after it).
    dated.sort(key=lambda pair: pair[0][0])
    recorded: dict[str, Decision] = {}
    for when, spec in dated:
        if before is not None:
            before(when[0])
        decision = existing.get(spec.title) or _record(body, spec, when, recorded)
        if decision is not None:
            recorded[spec.title] = decision
    return list(recorded.values())
