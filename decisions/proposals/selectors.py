"""Reads of the proposal pages: a body's proposals, and everything the page of one
proposal shows (its text and versions as word diffs, the current round with whose turn
it is, who has answered and who has not, objections, amendments, what blocks adoption,
the kind of outcome and why). The live meeting's panel reads the same `proposal_state`.
"""

from __future__ import annotations

from django.db.models import Case, Exists, F, IntegerField, OuterRef, QuerySet, Value, When

from accounts.models import Person
from bodies.models import Body, BodyMembership
from decisions.consent import rules
from decisions.models import (
    Proposal,
    Turn,
)

Phase = Proposal.Phase


def body_proposals(body: Body) -> list[Proposal]:
    """The body's proposals: open ones first (soonest deadline first), then drafts, then
    closed ones, latest first. One query whatever their number."""
    rank = Case(
        When(phase=Phase.DRAFT, then=Value(1)),
        When(phase__in=Proposal.CLOSED_PHASES, then=Value(2)),
        default=Value(0),
        output_field=IntegerField(),
    )
    proposals: QuerySet[Proposal] = (
        Proposal.objects.filter(body=body)
        .select_related("proposer", "object", "item__meeting")
        .annotate(rank=rank)
        .order_by("rank", "deadline", "-created_at", "-pk")
    )
    return list(proposals)


def proposals_for_item(item_id: int) -> list[Proposal]:
    """The proposals treated on an agenda item (the live panel), withdrawn ones left
    out."""
    return list(
        Proposal.objects.filter(item_id=item_id)
        .exclude(phase=Phase.WITHDRAWN)
        .select_related("body__territory", "object", "proposer", "item__meeting", "last_speaker")
        .order_by("created_at", "pk")
    )


def awaiting_answer(person: Person) -> list[Proposal]:
    """Asynchronous proposals whose current round waits for the person's answer: they
    sit in the body (guests aside) and have not taken their turn yet. Soonest deadline
    first; one query."""
    return list(awaiting_answer_for(person))


def awaiting_answer_for(person: Person) -> QuerySet[Proposal]:
    """`awaiting_answer` as a query, for a page that shows the first few (the home)."""
    seats = (
        BodyMembership.objects.current()
        .filter(person=person)
        .exclude(role=BodyMembership.Role.GUEST)
        .values("body_id")
    )
    answered = Turn.objects.filter(
        proposal=OuterRef("pk"),
        phase=OuterRef("phase"),
        round_number=OuterRef("round_number"),
        person=person,
    )
    return (
        Proposal.objects.filter(
            body__in=seats, mode=Proposal.Mode.ASYNC, phase__in=rules.TURN_PHASES
        )
        .exclude(Exists(answered))
        .select_related("body")
        .order_by(F("deadline").asc(nulls_last=True), "pk")
    )
