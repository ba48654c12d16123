"""The rules of the processes, as pure reads: the phases of each process, the answers a
round allows, who takes part and in which order, whose turn it is, who consents, the
vote's tally, the next phase. The writes that follow them are in decisions/proposals/.
See decisions/consent/__init__.py for the process itself."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import Person
from decisions.models import (
    Objection,
    Process,
    Proposal,
    Turn,
)
from meetings.live_state import round_members
from meetings.models import AgendaItem, Meeting
from meetings.rotation import current_members

Phase = Proposal.Phase
Answer = Turn.Answer


PHASES: dict[str, list[str]] = {
    Process.CONSENT: [
        Phase.PRESENTATION,
        Phase.CLARIFYING,
        Phase.REACTIONS,
        Phase.AMENDMENT,
        Phase.OBJECTIONS,
        Phase.INTEGRATION,
    ],
    Process.VOTE: [Phase.PRESENTATION, Phase.CLARIFYING, Phase.VOTING],
    Process.OPINION: [Phase.PRESENTATION, Phase.CLARIFYING, Phase.OPINIONS],
    Process.INFORMATION: [Phase.PRESENTATION],
}

# The phases in which each participant takes a turn, and the answers each one allows.


TURN_ANSWERS: dict[str, tuple[str, ...]] = {
    Phase.CLARIFYING: (Answer.SPOKE, Answer.PASSED),
    Phase.REACTIONS: (Answer.SPOKE, Answer.PASSED),
    Phase.OPINIONS: (Answer.SPOKE, Answer.PASSED),
    Phase.OBJECTIONS: (Answer.CONSENT, Answer.OBJECTION),
    Phase.VOTING: (Answer.FOR, Answer.AGAINST, Answer.ABSTAIN),
}


TURN_PHASES = tuple(TURN_ANSWERS)

# The text changes only outside the rounds in which people consent or vote on it.


TEXT_FROZEN_PHASES = (Phase.OBJECTIONS, Phase.VOTING)


DEFAULT_ASYNC_DAYS = 7


def participants(proposal: Proposal) -> list[Person]:
    """Who takes part in each round, in turn order: the body's current members (guests
    follow without a turn) by name, never by the size of their organisation. Live, in a
    meeting whose attendance is recorded: those present or represented. The proposal's
    last speaker (the nominee of an election) always speaks last."""
    people: list[Person]
    meeting = _item_meeting(proposal) if proposal.mode == Proposal.Mode.LIVE else None
    people = round_members(meeting) if meeting is not None else current_members(proposal.body)
    if proposal.last_speaker_id is not None:
        last = [p for p in people if p.pk == proposal.last_speaker_id]
        people = [p for p in people if p.pk != proposal.last_speaker_id] + last
    return people


def _item_meeting(proposal: Proposal) -> Meeting | None:
    if proposal.item_id is None:
        return None
    return Meeting.objects.filter(items__pk=proposal.item_id).select_related("body").first()


def item_meeting_id(proposal: Proposal) -> int | None:
    if proposal.item_id is None:
        return None
    return (
        AgendaItem.objects.filter(pk=proposal.item_id).values_list("meeting_id", flat=True).first()
    )


def governs_itself(proposal: Proposal) -> bool:
    """The proposal carries a subject (decisions/proposals/subjects.py): the body's own
    charter, framework, an election. Adopting the proposal adopts that subject (the
    version, the nominee)."""
    return proposal.has_subject


def deadline_passed(proposal: Proposal) -> bool:
    """An asynchronous round whose deadline is behind us: silence is no longer waited
    for (and never counted)."""
    return (
        proposal.mode == Proposal.Mode.ASYNC
        and proposal.deadline is not None
        and proposal.deadline <= timezone.now()
    )


def turn_phase(proposal: Proposal) -> bool:
    return proposal.phase in TURN_PHASES


def current_turns(proposal: Proposal) -> list[Turn]:
    """The turns of the current phase and round, in the order they were taken."""
    return list(
        Turn.objects.filter(
            proposal=proposal, phase=proposal.phase, round_number=proposal.round_number
        ).order_by("created_at", "pk")
    )


def waiting_for(proposal: Proposal, people: list[Person] | None = None) -> list[Person]:
    """The participants who have not answered the current round yet, in turn order."""
    if not turn_phase(proposal):
        return []
    people = participants(proposal) if people is None else people
    answered = {turn.person_id for turn in current_turns(proposal)}
    return [person for person in people if person.pk not in answered]


def next_in_turn(proposal: Proposal) -> Person | None:
    """Whose turn it is: the first participant, by order, who has not answered."""
    missing = waiting_for(proposal)
    return missing[0] if missing else None


def consenting_ids(
    proposal: Proposal,
    turns: list[Turn] | None = None,
    objections: list[Objection] | None = None,
) -> set[int]:
    """Who consents in the latest objections round: a "consent" answer, or an objection
    of that round withdrawn by its author. `turns` (that round's) and `objections` (all
    the proposal's) are read here unless the caller has them already."""
    if turns is None:
        turns = list(
            Turn.objects.filter(
                proposal=proposal, phase=Phase.OBJECTIONS, round_number=proposal.round_number
            )
        )
    ids = {t.person_id for t in turns if t.answer == Answer.CONSENT}
    objecting = {t.person_id for t in turns if t.answer == Answer.OBJECTION}
    if not objecting:
        return ids
    if objections is None:
        objections = list(Objection.objects.filter(proposal=proposal, author_id__in=objecting))
    withdrawn = {
        o.author_id
        for o in objections
        if o.round_number == proposal.round_number
        and o.status == Objection.Status.WITHDRAWN
        and o.author_id in objecting
    }
    still_objecting = {
        o.author_id
        for o in objections
        if o.status == Objection.Status.OPEN and o.author_id in objecting
    }
    return ids | (withdrawn - still_objecting)


@dataclass(frozen=True)
class Tally:
    for_: int
    against: int
    abstain: int
    threshold: int

    @property
    def adopted(self) -> bool:
        """More "for" than the threshold's share of those who said for or against;
        abstentions and silence are not counted."""
        return self.for_ * 100 > self.threshold * (self.for_ + self.against)


def vote_tally(proposal: Proposal) -> Tally:
    counts = Counter(
        Turn.objects.filter(
            proposal=proposal, phase=Phase.VOTING, round_number=proposal.round_number
        ).values_list("answer", flat=True)
    )
    return Tally(
        for_=counts[Answer.FOR],
        against=counts[Answer.AGAINST],
        abstain=counts[Answer.ABSTAIN],
        threshold=proposal.vote_threshold,
    )


def next_phase(proposal: Proposal) -> str | None:
    """The phase `proposal_advance` goes to, or None at the last one (adopt then)."""
    phases = PHASES[proposal.process]
    if proposal.phase == Phase.INTEGRATION:
        return Phase.OBJECTIONS
    if proposal.phase not in phases:
        return None
    index = phases.index(proposal.phase)
    return phases[index + 1] if index + 1 < len(phases) else None
