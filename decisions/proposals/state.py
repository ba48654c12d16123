"""Everything the page of one proposal shows, and the live meeting's consent panel
too: its text and versions as word diffs, the current round with whose turn it is, who
has answered and who has not, objections, amendments, what blocks adoption, the kind of
outcome and why, and what the viewing user may do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from accounts.models import Person
from core.diff import word_diff
from core.markdown import render_markdown
from decisions.consent import outcomes, permissions, rules
from decisions.models import Amendment, Decision, Objection, Proposal, ProposalVersion, Turn
from decisions.proposals.forms import ANSWER_BUTTONS
from decisions.proposals.subjects import kind_of

Phase = Proposal.Phase


# --- One proposal --------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionRow:
    version: ProposalVersion
    diff: SafeString | None  # against the previous version


@dataclass(frozen=True)
class AmendmentRow:
    amendment: Amendment
    diff: SafeString  # against the version it was written on
    current: bool  # written on the current version (it can be integrated)


@dataclass(frozen=True)
class RoundRow:
    person: Person
    turn: Turn | None
    is_turn: bool  # live: the next to speak


@dataclass(frozen=True)
class StandingEntry:
    person: Person
    text: str  # what they said (an objection's reason)
    objection: Objection | None  # an objection of this round, with its status


@dataclass(frozen=True)
class StandingGroup:
    answer: str  # a Turn.Answer, or "waiting"
    heading: str  # "2 ont consenti", "1 n’a pas encore répondu"
    entries: list[StandingEntry]


@dataclass(frozen=True)
class Standing:
    """Where the current round stands: who answered what (an objector with their
    objection), who has not answered yet, and the same in one sentence."""

    groups: list[StandingGroup]
    summary: str


def _heading(answer: str, count: int) -> str:
    # Spelled out for makemessages, which only sees literal ngettext calls.
    headings = {
        Turn.Answer.CONSENT: ngettext("%(count)d a consenti", "%(count)d ont consenti", count),
        Turn.Answer.OBJECTION: ngettext("%(count)d a objecté", "%(count)d ont objecté", count),
        Turn.Answer.SPOKE: ngettext(
            "%(count)d s’est exprimé·e", "%(count)d se sont exprimé·es", count
        ),
        Turn.Answer.PASSED: ngettext(
            "%(count)d a passé son tour", "%(count)d ont passé leur tour", count
        ),
        Turn.Answer.FOR: ngettext("%(count)d pour", "%(count)d pour", count),
        Turn.Answer.AGAINST: ngettext("%(count)d contre", "%(count)d contre", count),
        Turn.Answer.ABSTAIN: ngettext("%(count)d abstention", "%(count)d abstentions", count),
        "waiting": ngettext(
            "%(count)d n’a pas encore répondu", "%(count)d n’ont pas encore répondu", count
        ),
    }
    return headings[answer] % {"count": count}


@dataclass(frozen=True)
class PhaseTurns:
    phase: str
    label: str
    round_number: int
    turns: list[Turn]


@dataclass
class ProposalState:
    proposal: Proposal
    phases: list[tuple[str, str, str]]  # (value, label, "past"/"current"/"next")
    round: list[RoundRow]
    standing: Standing | None  # the picture of the current round
    answered: int
    speaker: Person | None
    objections: list[Objection]
    open_objections: list[Objection]
    amendments: list[AmendmentRow]
    versions: list[VersionRow]
    history: list[PhaseTurns]
    blockers: list[str]
    kind: str
    kind_label: str
    why: str
    next_phase: str | None
    next_phase_label: str
    tally: rules.Tally | None
    decision: Decision | None
    text_html: SafeString
    context_html: SafeString
    opinion_html: SafeString
    # What the viewing user may do.
    can_drive: bool = False
    is_participant: bool = False
    my_turn: Turn | None = None
    my_open_objections: list[Objection] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)
    # The text of a proposal adopting a charter, a framework or a nominee is not amended.
    amendable: bool = True
    # A vote is counted once everyone answered (or, asynchronously, once the deadline
    # passed): until then the count is refused, not merely unfavourable.
    count_blocked: bool = False
    # Live, or for the last speaker (the nominee of an election): not their turn yet.
    not_my_turn_yet: bool = False
    # What the text summarises, when the proposal adopts a subject that is not its text
    # (« la version de la charte »), and that subject's page.
    subject_summarises: str = ""
    subject_url: str = ""

    @property
    def waiting(self) -> list[Person]:
        return [row.person for row in self.round if row.turn is None]

    @property
    def answer_buttons(self) -> list[tuple[str, str]]:
        """(value, label) of the button of each answer the round allows."""
        return [(value, str(ANSWER_BUTTONS[value])) for value, _label in self.answers]

    @property
    def in_round(self) -> bool:
        return self.proposal.phase in rules.TURN_PHASES and self.proposal.is_open

    @property
    def can_answer(self) -> bool:
        return (
            self.in_round
            and self.is_participant
            and self.my_turn is None
            and not self.not_my_turn_yet
        )

    @property
    def can_adopt(self) -> bool:
        return self.proposal.is_open and not self.blockers

    @property
    def text_frozen(self) -> bool:
        return self.proposal.phase in rules.TEXT_FROZEN_PHASES

    @property
    def current_version(self) -> int:
        return self.versions[-1].version.number if self.versions else 1


def _phase_line(proposal: Proposal) -> list[tuple[str, str, str]]:
    phases = rules.PHASES[proposal.process]
    labels = {value: str(label) for value, label in Phase.choices}
    if proposal.phase in phases:
        index = phases.index(proposal.phase)
    elif proposal.phase == Phase.DRAFT:
        index = -1
    else:
        index = len(phases)
    line = []
    for position, value in enumerate(phases):
        state = "past" if position < index else "current" if position == index else "next"
        line.append((value, labels[value], state))
    return line


def _versions(proposal: Proposal) -> list[VersionRow]:
    versions = list(
        ProposalVersion.objects.filter(proposal=proposal)
        .select_related("author")
        .order_by("number")
    )
    rows = []
    previous: ProposalVersion | None = None
    for version in versions:
        diff = word_diff(previous.text, version.text) if previous is not None else None
        rows.append(VersionRow(version=version, diff=diff))
        previous = version
    return rows


def _answers(proposal: Proposal) -> list[tuple[str, str]]:
    labels = {value: str(label) for value, label in Turn.Answer.choices}
    return [(value, labels[value]) for value in rules.TURN_ANSWERS.get(proposal.phase, ())]


@dataclass(frozen=True)
class _Round:
    people: list[Person]
    by_person: dict[int, Turn]  # this round's turns
    speaker: Person | None  # live: the next to speak
    rows: list[RoundRow]


def _round(proposal: Proposal, turns: list[Turn]) -> _Round:
    """Who takes part in the current round, who answered, whose turn it is (live)."""
    people = rules.participants(proposal)
    by_person = {
        t.person_id: t
        for t in turns
        if t.phase == proposal.phase and t.round_number == proposal.round_number
    }
    in_round = proposal.phase in rules.TURN_PHASES and proposal.is_open
    speaker = (
        next((p for p in people if p.pk not in by_person), None)
        if in_round and proposal.is_live
        else None
    )
    rows = [
        RoundRow(
            person=p,
            turn=by_person.get(p.pk),
            is_turn=speaker is not None and p.pk == speaker.pk,
        )
        for p in people
    ]
    return _Round(
        people=people, by_person=by_person, speaker=speaker, rows=rows if in_round else []
    )


def _standing(proposal: Proposal, rows: list[RoundRow], objections: list[Objection]) -> Standing:
    """Group the round's participants by their answer, in the order the round allows,
    then those who have not answered; each objector comes with their objection of this
    round. Built from what the page has already read: no query."""
    of_round = {o.author_id: o for o in objections if o.round_number == proposal.round_number}
    by_answer: dict[str, list[StandingEntry]] = {
        answer: [] for answer in (*rules.TURN_ANSWERS.get(proposal.phase, ()), "waiting")
    }
    for row in rows:
        if row.turn is None:
            by_answer["waiting"].append(StandingEntry(row.person, "", None))
            continue
        objection = of_round.get(row.person.pk) if row.turn.is_objection else None
        entry = StandingEntry(row.person, row.turn.text, objection)
        by_answer.setdefault(row.turn.answer, []).append(entry)
    groups = [
        StandingGroup(answer, _heading(answer, len(entries)), entries)
        for answer, entries in by_answer.items()
        if entries
    ]
    return Standing(groups=groups, summary=", ".join(g.heading for g in groups) + ".")


def _history(turns: list[Turn]) -> list[PhaseTurns]:
    """The turns grouped by phase and round, in the order they were taken."""
    labels = {value: str(label) for value, label in Phase.choices}
    history: list[PhaseTurns] = []
    for t in turns:
        if history and history[-1].phase == t.phase and history[-1].round_number == t.round_number:
            history[-1].turns.append(t)
        else:
            history.append(PhaseTurns(t.phase, labels[t.phase], t.round_number, [t]))
    return history


def _amendments(proposal: Proposal, versions: list[VersionRow]) -> list[AmendmentRow]:
    """Each amendment as a diff against the version it was written on."""
    texts = {row.version.number: row.version.text for row in versions}
    latest = versions[-1].version.number if versions else 1
    return [
        AmendmentRow(
            amendment=amendment,
            diff=word_diff(texts.get(amendment.base_version, proposal.text), amendment.text),
            current=amendment.base_version == latest,
        )
        for amendment in Amendment.objects.filter(proposal=proposal)
        .select_related("author", "decided_by", "responds_to__author")
        .order_by("created_at", "pk")
    ]


def _markdown(text: str) -> SafeString:
    return render_markdown(text) if text else mark_safe("")


def _outcome(proposal: Proposal) -> dict[str, Any]:
    """What adopting would make, what stops it, what comes next."""
    kind, why = outcomes.outcome_kind(proposal)
    target = rules.next_phase(proposal) if proposal.is_open else None
    labels = {value: str(label) for value, label in Phase.choices}
    counting = proposal.is_vote and proposal.phase == Phase.VOTING
    return {
        "blockers": outcomes.adoption_blockers(proposal) if proposal.is_open else [],
        "kind": kind,
        "kind_label": str(dict(Decision.Kind.choices)[kind]),
        "why": why,
        "next_phase": target,
        "next_phase_label": labels[target] if target else "",
        "tally": rules.vote_tally(proposal) if proposal.is_vote else None,
        "decision": Decision.objects.filter(proposal=proposal).first()
        if proposal.is_adopted
        else None,
        "count_blocked": counting and bool(outcomes.silence_blockers(proposal)),
    }


def _subject_note(state: ProposalState) -> None:
    """What the text summarises, when the proposal adopts a subject besides it."""
    proposal = state.proposal
    subject = proposal.subject if proposal.has_subject else None
    if subject is not None and kind_of(subject).summarises:
        state.subject_summarises = str(kind_of(subject).summarises)
        state.subject_url = subject.get_absolute_url()


def _for_user(state: ProposalState, current: _Round, user: Person) -> None:
    """What the viewing user may do: drive, answer (now, or later in turn)."""
    proposal = state.proposal
    state.can_drive = permissions.can_drive(user, proposal)
    state.is_participant = any(p.pk == user.pk for p in current.people)
    state.my_turn = current.by_person.get(user.pk)
    waiting = [p for p in current.people if p.pk not in current.by_person]
    if proposal.is_live:
        state.not_my_turn_yet = current.speaker is not None and current.speaker.pk != user.pk
    else:
        state.not_my_turn_yet = user.pk == proposal.last_speaker_id and len(waiting) > 1
    state.my_open_objections = [o for o in state.open_objections if o.author_id == user.pk]


def proposal_state(proposal: Proposal, user: Person | None = None) -> ProposalState:
    """Everything the proposal's page (and the live panel) shows, in a fixed number of
    queries whatever the number of members, turns, objections and amendments."""
    turns = list(
        Turn.objects.filter(proposal=proposal).select_related("person").order_by("created_at", "pk")
    )
    current = _round(proposal, turns)
    objections = list(
        Objection.objects.filter(proposal=proposal)
        .select_related("author", "resolved_by")
        .order_by("created_at", "pk")
    )
    versions = _versions(proposal)
    state = ProposalState(
        proposal=proposal,
        phases=_phase_line(proposal),
        round=current.rows,
        standing=_standing(proposal, current.rows, objections) if current.rows else None,
        answered=len(current.by_person),
        speaker=current.speaker,
        objections=objections,
        open_objections=[o for o in objections if o.is_open],
        amendments=_amendments(proposal, versions),
        versions=versions,
        history=_history(turns),
        text_html=render_markdown(proposal.text),
        context_html=_markdown(proposal.context),
        opinion_html=_markdown(proposal.opinion_text),
        answers=_answers(proposal),
        amendable=not rules.governs_itself(proposal),
        **_outcome(proposal),
    )
    _subject_note(state)
    if user is not None and user.is_authenticated:
        _for_user(state, current, user)
    return state
