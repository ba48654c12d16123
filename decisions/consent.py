"""The processes that treat a proposal: consent (sociocracy), vote, collective opinion
(avis) and information, live in a meeting or asynchronously with a deadline.

Consent, as in DOMAIN.md: presentation → clarifying questions (questions only) →
reactions → amendment by the proposer → objections round → integration (objections are
resolved by an amendment or withdrawn by their author) → a new objections round
(round_number + 1) → adoption when no objection stands and every participant consented
in the latest objections round. Silence is never consent: a participant who has not
answered blocks adoption, and the page says who. A vote is counted, a collective
opinion adopted, once everyone has answered the round, or, asynchronously, once its
deadline has passed (silence is then simply not counted).

Each round gives each participant one turn (Turn is unique per phase, round and
person); live, the turn goes to the next one by name, and the last speaker (the nominee
of an election) always answers after everyone else. The outcome's kind follows the
body's authority on the proposal's object (`outcome_kind`): on an object where the body
only gives an opinion, the entry of the register is an avis, never a décision; without
an object, the body decides only on its own functioning (charter, framework, election).
The text of those proposals is not amended: what they adopt is the version or the
nominee.

Who drives (opens, advances, integrates, adopts): the proposer, the body's facilitator,
the meeting's facilitator when the proposal is treated in a meeting, the territory's
administrators. Any current member (guests excepted) takes their own turn, proposes
amendments and withdraws their own objection. Every write locks the proposal's row; a
proposal attached to an agenda item bumps its meeting's live version, so that the
participants' live pages follow.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body
from bodies.selectors import can_manage_body, is_body_facilitator, is_body_member
from decisions.models import (
    Amendment,
    Decision,
    Objection,
    Process,
    Proposal,
    ProposalVersion,
    Turn,
)
from decisions.proposals.subjects import kind_of, submittable_kind_of
from decisions.register import decision_record
from governance.models import Authority, FrameworkObject
from governance.selectors import current_framework
from meetings.live import live_touch, round_members
from meetings.models import AgendaItem, Meeting
from meetings.rotation import current_members

Phase = Proposal.Phase
Answer = Turn.Answer

# The phases of each process, in order. Adoption (or the vote's count) closes the last.
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
CLOSED_PHASES = (Phase.ADOPTED, Phase.REJECTED, Phase.WITHDRAWN)

# An asynchronous round without a deadline given gets this one.
DEFAULT_ASYNC_DAYS = 7


# --- Reads the rules need ----------------------------------------------------------------


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


def _item_meeting_id(proposal: Proposal) -> int | None:
    if proposal.item_id is None:
        return None
    return (
        AgendaItem.objects.filter(pk=proposal.item_id).values_list("meeting_id", flat=True).first()
    )


def can_drive(user: Person, proposal: Proposal) -> bool:
    """The proposer, the body's facilitator, the meeting's facilitator (proposal treated
    in a meeting), the territory's administrators."""
    if not user.is_authenticated:
        return False
    if user.pk == proposal.proposer_id:
        return True
    if proposal.item_id is not None:
        facilitator = (
            AgendaItem.objects.filter(pk=proposal.item_id)
            .values_list("meeting__facilitator_id", flat=True)
            .first()
        )
        if facilitator is not None and facilitator == user.pk:
            return True
    return is_body_facilitator(user, proposal.body) or can_manage_body(user, proposal.body)


def governs_itself(proposal: Proposal) -> bool:
    """The proposal carries a subject (decisions/proposals/subjects.py): the body's own
    charter, framework, an election. Adopting the proposal adopts that subject (the
    version, the nominee)."""
    return proposal.has_subject


def _require_amendable(proposal: Proposal) -> None:
    """What such a proposal adopts is the version or the nominee, not its text: a text
    that drifted from it would be adopted in its name."""
    if governs_itself(proposal):
        raise ValidationError(
            _(
                "Cette proposition adopte une version de la charte ou du cadre de référence, "
                "ou une personne élue : son texte ne s’amende pas. Retirez-la et soumettez-en "
                "une nouvelle."
            )
        )


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


def consenting_ids(proposal: Proposal) -> set[int]:
    """Who consents in the latest objections round: a "consent" answer, or an objection
    of that round withdrawn by its author."""
    turns = Turn.objects.filter(
        proposal=proposal, phase=Phase.OBJECTIONS, round_number=proposal.round_number
    )
    ids = {t.person_id for t in turns if t.answer == Answer.CONSENT}
    objecting = {t.person_id for t in turns if t.answer == Answer.OBJECTION}
    withdrawn = Objection.objects.filter(
        proposal=proposal,
        round_number=proposal.round_number,
        status=Objection.Status.WITHDRAWN,
        author_id__in=objecting,
    ).values_list("author_id", flat=True)
    still_objecting = set(
        Objection.objects.filter(
            proposal=proposal, status=Objection.Status.OPEN, author_id__in=objecting
        ).values_list("author_id", flat=True)
    )
    return ids | (set(withdrawn) - still_objecting)


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


def outcome_kind(proposal: Proposal) -> tuple[str, str]:
    """The kind of the register entry the proposal would make, and why (in French, for
    the page and the entry's `authority_note`). The body's authority on the object rules:
    an opinion where it only gives opinions, never a decision."""
    if proposal.process == Process.INFORMATION:
        return Decision.Kind.INFORMATION, _("Information partagée avec l’instance.")
    obj = proposal.object
    if obj is None:
        if proposal.process == Process.OPINION:
            return Decision.Kind.OPINION, _("Avis collectif de l’instance.")
        if governs_itself(proposal):
            return Decision.Kind.DECISION, _(
                "Sans objet du cadre de référence : la proposition porte sur le fonctionnement "
                "de l’instance elle-même (charte, cadre, élection), qu’elle décide."
            )
        # Anything else needs an object the framework lets the body decide on: without
        # one, what the body adopts is at most an opinion.
        if current_framework(proposal.body) is None:
            return Decision.Kind.OPINION, _(
                "L’instance n’a pas encore adopté de cadre de référence : tant qu’il ne dit "
                "pas sur quoi elle décide, ce qu’elle adopte est un avis, jamais une décision."
            )
        return Decision.Kind.OPINION, _(
            "La proposition ne porte sur aucun objet du cadre de référence : ce que "
            "l’instance adopte est un avis, jamais une décision."
        )
    title = obj.title
    if obj.authority == Authority.INFORMATION:
        return Decision.Kind.INFORMATION, _(
            "Sur « %(object)s », le cadre de référence prévoit que l’instance est informée : "
            "elle n’y donne ni avis ni décision."
        ) % {"object": title}
    if obj.authority == Authority.OPINION:
        return Decision.Kind.OPINION, _(
            "Sur « %(object)s », le cadre de référence prévoit que l’instance donne un avis : "
            "ce qu’elle adopte est un avis, jamais une décision."
        ) % {"object": title}
    if proposal.process == Process.OPINION:
        return Decision.Kind.OPINION, _("Avis collectif de l’instance sur « %(object)s ».") % {
            "object": title
        }
    if obj.authority == Authority.PROPOSAL:
        return Decision.Kind.PROPOSAL, _(
            "Sur « %(object)s », le cadre de référence prévoit que l’instance propose : ce "
            "qu’elle adopte est une proposition, que d’autres décident."
        ) % {"object": title}
    return Decision.Kind.DECISION, _(
        "Sur « %(object)s », le cadre de référence prévoit que l’instance décide."
    ) % {"object": title}


# --- Checks ------------------------------------------------------------------------------


def _lock(proposal: Proposal) -> Proposal:
    locked = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("body", "object", "item")
        .get(pk=proposal.pk)
    )
    return locked


def _sync(proposal: Proposal, locked: Proposal) -> None:
    for name in (
        "phase",
        "round_number",
        "deadline",
        "text",
        "opinion_text",
        "review_on",
        "opened_at",
        "closed_at",
    ):
        setattr(proposal, name, getattr(locked, name))


def _require_driver(user: Person, proposal: Proposal) -> None:
    if not can_drive(user, proposal):
        raise ValidationError(
            _(
                "Seul·es le porteur ou la porteuse, l’animateur·rice et les administrateur·rices "
                "conduisent cette proposition."
            )
        )


def _require_member(person: Person, proposal: Proposal) -> None:
    if not is_body_member(person, proposal.body):
        raise ValidationError(
            _("Seul·es les membres de l’instance y prennent part ; les invité·es suivent.")
        )


def _require_open(proposal: Proposal) -> None:
    if not proposal.is_open:
        raise ValidationError(_("La proposition n’est pas en cours."))


def _touch_live(proposal: Proposal) -> None:
    """A proposal treated in a meeting: the live pages of its meeting follow."""
    meeting_id = _item_meeting_id(proposal)
    if meeting_id is not None:
        live_touch(meeting_id)


# Set by `quiet()`: the demo records a year of past proposals and must not mail anyone.
_quiet: ContextVar[bool] = ContextVar("decisions_consent_quiet", default=False)


@contextmanager
def quiet() -> Iterator[None]:
    """No round notice while inside (the demo's past records)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def _announce_round(locked: Proposal, actor: Person) -> None:
    """An asynchronous round that opens is announced by e-mail to the participants, once
    the transaction commits (a live round is followed on the live page)."""
    if _quiet.get() or locked.mode != Proposal.Mode.ASYNC or locked.phase not in TURN_PHASES:
        return
    from decisions.tasks import proposal_round_opened

    proposal_id, actor_id = locked.pk, actor.pk
    transaction.on_commit(lambda: proposal_round_opened.enqueue(proposal_id, actor_id))


def _latest_version(proposal: Proposal) -> int:
    last = (
        ProposalVersion.objects.filter(proposal=proposal)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return last or 0


def _new_version(
    proposal: Proposal,
    text: str,
    author: Person,
    reason: str,
    amendment: Amendment | None = None,
) -> ProposalVersion:
    version = ProposalVersion.objects.create(
        proposal=proposal,
        number=_latest_version(proposal) + 1,
        text=text,
        author=author,
        reason=reason,
        amendment=amendment,
    )
    proposal.text = text
    proposal.save(update_fields=["text"])
    return version


def _clean_text(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


def _deadline_for(proposal: Proposal, phase: str, deadline: datetime | None) -> datetime | None:
    """Asynchronous rounds have a deadline (a week if none is given); a deadline is in
    the future."""
    now = timezone.now()
    if deadline is not None and deadline <= now:
        raise ValidationError({"deadline": _("L’échéance doit être dans le futur.")})
    if deadline is None and proposal.mode == Proposal.Mode.ASYNC and phase in TURN_PHASES:
        return now + timedelta(days=DEFAULT_ASYNC_DAYS)
    return deadline


# --- Writes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Handling:
    """How the body treats a proposal: its process, live in a meeting (at an agenda
    item) or asynchronously, the vote's threshold, who speaks last in each round."""

    process: str = Process.CONSENT
    mode: str = Proposal.Mode.ASYNC
    item: AgendaItem | None = None
    vote_threshold: int = 50
    last_speaker: Person | None = None


@dataclass(frozen=True)
class Scope:
    """Where the proposal stands in the register: the object of the framework it is
    about, the decision it amends or replaces, when what it adopts is reviewed."""

    object: FrameworkObject | None = None
    amends: Decision | None = None
    supersedes: Decision | None = None
    review_on: date | None = None


def _check_object(body: Body, process: str, scope: Scope, subject: Model | None) -> None:
    """The object is one of the framework in force, and allows the process. Without
    one, under an adopted framework, only information and the body's own functioning
    (a proposal with a subject) are treated."""
    framework_now = current_framework(body)
    obj = scope.object
    if obj is None:
        if framework_now is not None and process != Process.INFORMATION and subject is None:
            raise ValidationError(
                {
                    "object": _(
                        "L’instance a adopté son cadre de référence : choisissez l’objet du "
                        "cadre sur lequel porte la proposition."
                    )
                }
            )
        return
    if obj.framework.body_id != body.pk:
        raise ValidationError({"object": _("Cet objet n’est pas dans le cadre de l’instance.")})
    if framework_now is None or obj.framework_id != framework_now.pk:
        # A draft is not in force yet, an old version no longer is.
        message = _(
            "Cet objet n’est pas dans la version en vigueur du cadre de référence de l’instance."
        )
        raise ValidationError({"object": message})
    if obj.authority == Authority.INFORMATION and process != Process.INFORMATION:
        message = _(
            "Sur « %(object)s », l’instance est seulement informée : seul le processus "
            "« information » est possible."
        ) % {"object": obj.title}
        raise ValidationError({"process": message})


def _check_handling(body: Body, handling: Handling, subject: Model | None) -> None:
    """Live, a proposal is treated at an agenda item of the body; a proposal with a
    subject (an election held in a meeting) may be treated live without one."""
    if handling.process not in Process.values:
        raise ValidationError({"process": _("Ce processus n’existe pas.")})
    if handling.mode not in Proposal.Mode.values:
        raise ValidationError({"mode": _("Ce déroulement n’existe pas.")})
    item = handling.item
    if item is not None and item.meeting.body_id != body.pk:
        raise ValidationError({"item": _("Ce point n’est pas à l’ordre du jour de l’instance.")})
    if handling.mode == Proposal.Mode.LIVE and item is None and subject is None:
        message = _(
            "En réunion, une proposition est traitée à un point de l’ordre du jour : choisissez-le."
        )
        raise ValidationError({"item": message})
    if not 50 <= handling.vote_threshold <= 99:
        raise ValidationError(
            {"vote_threshold": _("Le seuil d’adoption est entre 50 et 99 % des suffrages.")}
        )


def _check_links(body: Body, scope: Scope, subject: Model | None) -> None:
    if subject is not None and getattr(subject, "body_id", None) != body.pk:
        raise ValidationError(_("Ce texte n’est pas celui de l’instance."))
    for decision in (scope.amends, scope.supersedes):
        if decision is not None and decision.body_id != body.pk:
            raise ValidationError(_("Cette décision n’est pas au relevé de l’instance."))
    if scope.amends is not None and scope.supersedes is not None:
        raise ValidationError(
            _("Une décision en modifie une autre ou la remplace, pas les deux à la fois.")
        )


@transaction.atomic
def proposal_create(
    *,
    body: Body,
    proposer: Person,
    title: str,
    text: str,
    context: str = "",
    subject: Model | None = None,
    handling: Handling | None = None,
    scope: Scope | None = None,
) -> Proposal:
    """A draft proposal with its first text version. The proposer is a member of the
    body (or one of its administrators). `subject`: what the proposal adopts besides its
    text (decisions/proposals/subjects.py); its kind is told the proposal is filed and
    may refuse it. `handling` defaults to a consent treated asynchronously; `scope` to
    no object and no link in the register."""
    handling = handling or Handling()
    scope = scope or Scope()
    if not (is_body_member(proposer, body) or can_manage_body(proposer, body)):
        raise ValidationError(_("Seul·es les membres de l’instance y déposent une proposition."))
    title = title.strip()
    text = _clean_text(text)
    if not title:
        raise ValidationError({"title": _("Donnez un intitulé à la proposition.")})
    if not text:
        raise ValidationError({"text": _("Écrivez le texte proposé.")})
    _check_handling(body, handling, subject)
    _check_object(body, handling.process, scope, subject)
    _check_links(body, scope, subject)
    proposal = Proposal.objects.create(
        body=body,
        proposer=proposer,
        title=title,
        text=text,
        context=_clean_text(context),
        subject=subject,
        process=handling.process,
        mode=handling.mode,
        item=handling.item,
        vote_threshold=handling.vote_threshold,
        last_speaker=handling.last_speaker,
        object=scope.object,
        amends=scope.amends,
        supersedes=scope.supersedes,
        review_on=scope.review_on,
    )
    ProposalVersion.objects.create(proposal=proposal, number=1, text=text, author=proposer)
    if subject is not None:
        kind_of(subject).filed(subject, proposal)
    _touch_live(proposal)
    return proposal


@transaction.atomic
def subject_submit(*, subject: Model, proposer: Person) -> Proposal:
    """Soumettre au consentement: a consent proposal carries the subject, with the title
    and text its kind writes (for a text: what the version changes). Filing it freezes
    the subject (SubjectKind.filed), or refuses."""
    kind = submittable_kind_of(subject)
    body = getattr(subject, "body", None)
    assert isinstance(body, Body)
    return proposal_create(
        body=body,
        proposer=proposer,
        title=kind.title(subject),
        text=kind.text(subject),
        subject=subject,
    )


@transaction.atomic
def proposal_open(
    *,
    proposal: Proposal,
    actor: Person,
    deadline: datetime | None = None,
    start_phase: str | None = None,
) -> Proposal:
    """Open a draft: it enters the first phase of its process (or `start_phase`, one of
    its phases: an election starts at the objections round)."""
    locked = _lock(proposal)
    _require_driver(actor, locked)
    if locked.phase != Phase.DRAFT:
        raise ValidationError(_("Seul un brouillon peut être ouvert."))
    phases = PHASES[locked.process]
    phase = start_phase or phases[0]
    if phase not in phases:
        raise ValidationError(_("Cette étape n’est pas celle de ce processus."))
    locked.deadline = _deadline_for(locked, phase, deadline)
    locked.phase = phase
    locked.opened_at = timezone.now()
    locked.save(update_fields=["phase", "deadline", "opened_at"])
    _touch_live(locked)
    _announce_round(locked, actor)
    _sync(proposal, locked)
    return locked


def next_phase(proposal: Proposal) -> str | None:
    """The phase `proposal_advance` goes to, or None at the last one (adopt then)."""
    phases = PHASES[proposal.process]
    if proposal.phase == Phase.INTEGRATION:
        return Phase.OBJECTIONS
    if proposal.phase not in phases:
        return None
    index = phases.index(proposal.phase)
    return phases[index + 1] if index + 1 < len(phases) else None


@transaction.atomic
def proposal_advance(
    *, proposal: Proposal, actor: Person, deadline: datetime | None = None
) -> Proposal:
    """Go to the next phase. From the integration, back to a new objections round
    (once every objection is integrated or withdrawn)."""
    locked = _lock(proposal)
    _require_driver(actor, locked)
    _require_open(locked)
    target = next_phase(locked)
    if target is None:
        raise ValidationError(
            _("C’est la dernière étape : il reste à conclure (adopter, compter les voix).")
        )
    if locked.phase == Phase.INTEGRATION:
        if locked.objections.filter(status=Objection.Status.OPEN).exists():
            raise ValidationError(
                _(
                    "Des objections sont encore ouvertes : intégrez-les par un amendement, ou "
                    "que leurs auteur·rices les retirent, avant un nouveau tour d’objections."
                )
            )
        locked.round_number += 1
    locked.phase = target
    locked.deadline = _deadline_for(locked, target, deadline)
    locked.save(update_fields=["phase", "deadline", "round_number"])
    _touch_live(locked)
    _announce_round(locked, actor)
    _sync(proposal, locked)
    return locked


def _check_turn_order(proposal: Proposal, person: Person, waiting: list[Person]) -> None:
    """One turn per round. Live, each one answers (or is recorded) when it is their turn,
    by name; asynchronously in any order. Either way the last speaker (the nominee of an
    election) answers once every other participant has."""
    name = {"name": person.full_name}
    if person.pk not in {p.pk for p in waiting}:
        raise ValidationError(_("%(name)s a déjà répondu à ce tour.") % name)
    if proposal.mode == Proposal.Mode.LIVE:
        if waiting[0].pk != person.pk:
            raise ValidationError(
                _("Ce n’est pas le tour de %(name)s : c’est à %(turn)s de répondre.")
                % {**name, "turn": waiting[0].full_name}
            )
    elif person.pk == proposal.last_speaker_id and len(waiting) > 1:
        raise ValidationError(
            _("%(name)s répond en dernier, une fois que tous les autres ont répondu.") % name
        )


@transaction.atomic
def turn_record(
    *,
    proposal: Proposal,
    person: Person,
    answer: str,
    text: str = "",
    recorded_by: Person,
) -> Turn:
    """A participant's turn in the current round: a question or reaction (or they pass),
    their consent or a reasoned objection (recorded as an Objection), their vote, their
    opinion. Someone else records it only live, as the driver, for the person whose turn
    it is."""
    locked = _lock(proposal)
    _require_open(locked)
    allowed = TURN_ANSWERS.get(locked.phase)
    if allowed is None:
        raise ValidationError(_("Cette étape n’a pas de tour de parole."))
    if answer not in allowed:
        raise ValidationError({"answer": _("Cette réponse ne convient pas à cette étape.")})
    people = participants(locked)
    if person.pk not in {p.pk for p in people}:
        raise ValidationError(
            _("Seul·es les membres qui prennent part au tour y répondent ; les invité·es suivent.")
        )
    if recorded_by.pk != person.pk and (
        locked.mode != Proposal.Mode.LIVE or not can_drive(recorded_by, locked)
    ):
        raise ValidationError(_("Chacun·e répond pour soi."))
    _check_turn_order(locked, person, waiting_for(locked, people))
    text = _clean_text(text)
    if answer == Answer.OBJECTION and not text:
        raise ValidationError(
            {"text": _("Une objection dit en quoi la proposition nuit aux buts de l’instance.")}
        )
    if answer == Answer.SPOKE and locked.mode == Proposal.Mode.ASYNC and not text:
        raise ValidationError({"text": _("Écrivez votre propos, ou passez votre tour.")})
    turn = Turn.objects.create(
        proposal=locked,
        phase=locked.phase,
        round_number=locked.round_number,
        person=person,
        answer=answer,
        text=text,
        recorded_by=recorded_by,
    )
    if answer == Answer.OBJECTION:
        Objection.objects.create(
            proposal=locked, author=person, reasoning=text, round_number=locked.round_number
        )
    _touch_live(locked)
    return turn


def _new_amendment(
    locked: Proposal, author: Person, text: str, reason: str, responds_to: Objection | None
) -> Amendment:
    """Record an amendment on the latest version; the objection it answers must be one
    of this proposal's open objections."""
    if responds_to is not None and (
        responds_to.proposal_id != locked.pk or responds_to.status != Objection.Status.OPEN
    ):
        raise ValidationError({"responds_to": _("Cette objection n’est pas ouverte.")})
    return Amendment.objects.create(
        proposal=locked,
        author=author,
        base_version=_latest_version(locked),
        text=text,
        reason=reason,
        responds_to=responds_to,
    )


@transaction.atomic
def amendment_propose(
    *,
    proposal: Proposal,
    author: Person,
    text: str,
    reason: str,
    responds_to: Objection | None = None,
) -> Amendment:
    """Any member proposes a new text (the whole of it), with the reason; it may answer
    an open objection."""
    locked = _lock(proposal)
    _require_open(locked)
    _require_member(author, locked)
    _require_amendable(locked)
    text = _clean_text(text)
    reason = _clean_text(reason)
    if not text:
        raise ValidationError({"text": _("Écrivez le texte amendé.")})
    if text == locked.text:
        raise ValidationError({"text": _("Le texte amendé est identique au texte actuel.")})
    if not reason:
        raise ValidationError({"reason": _("Dites pourquoi vous proposez cet amendement.")})
    amendment = _new_amendment(locked, author, text, reason, responds_to)
    _touch_live(locked)
    return amendment


def _integrate(
    locked: Proposal, amendment: Amendment, actor: Person, response: str
) -> ProposalVersion:
    if locked.phase in TEXT_FROZEN_PHASES:
        raise ValidationError(
            _(
                "Le texte ne change pas pendant le tour d’objections ou le vote : "
                "passez à l’intégration."
            )
        )
    version = _new_version(locked, amendment.text, amendment.author, amendment.reason, amendment)
    now = timezone.now()
    amendment.status = Amendment.Status.INTEGRATED
    amendment.response = response
    amendment.decided_by = actor
    amendment.decided_at = now
    amendment.save(update_fields=["status", "response", "decided_by", "decided_at"])
    if amendment.responds_to_id is not None:
        Objection.objects.filter(pk=amendment.responds_to_id, status=Objection.Status.OPEN).update(
            status=Objection.Status.INTEGRATED,
            resolved_by=amendment,
            resolved_at=now,
            resolution_note=response or amendment.reason,
        )
    return version


@transaction.atomic
def amendment_decide(
    *, amendment: Amendment, actor: Person, integrate: bool, response: str = ""
) -> Amendment:
    """The driver integrates the amendment (a new version of the text; the objection it
    answers is integrated) or declines it, saying why."""
    locked = _lock(amendment.proposal)
    _require_driver(actor, locked)
    _require_open(locked)
    fresh = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if fresh.status != Amendment.Status.PROPOSED:
        raise ValidationError(_("Cet amendement a déjà été traité."))
    response = _clean_text(response)
    if integrate:
        _require_amendable(locked)
        if fresh.base_version != _latest_version(locked):
            raise ValidationError(
                _(
                    "Le texte a changé depuis que cet amendement a été écrit : il faut le "
                    "reprendre sur la version actuelle."
                )
            )
        _integrate(locked, fresh, actor, response)
    else:
        if not response:
            raise ValidationError({"response": _("Dites pourquoi l’amendement n’est pas retenu.")})
        fresh.status = Amendment.Status.DECLINED
        fresh.response = response
        fresh.decided_by = actor
        fresh.decided_at = timezone.now()
        fresh.save(update_fields=["status", "response", "decided_by", "decided_at"])
    _touch_live(locked)
    _sync(amendment.proposal, locked)
    for name in ("status", "response", "decided_by_id", "decided_at"):
        setattr(amendment, name, getattr(fresh, name))
    return fresh


@transaction.atomic
def proposal_amend_text(
    *,
    proposal: Proposal,
    actor: Person,
    text: str,
    reason: str,
    responds_to: Objection | None = None,
) -> ProposalVersion:
    """The proposer (or the driver) changes the text: in the draft, or in the amendment
    and integration phases. Once open, the change is kept as an integrated amendment,
    which may answer an open objection."""
    locked = _lock(proposal)
    _require_driver(actor, locked)
    _require_amendable(locked)
    text = _clean_text(text)
    reason = _clean_text(reason)
    if not text:
        raise ValidationError({"text": _("Écrivez le texte proposé.")})
    if text == locked.text:
        raise ValidationError({"text": _("Le texte est identique au texte actuel.")})
    if locked.phase == Phase.DRAFT:
        version = _new_version(locked, text, actor, reason)
    else:
        if locked.phase not in (Phase.AMENDMENT, Phase.INTEGRATION):
            raise ValidationError(
                _(
                    "Le porteur ou la porteuse amende le texte à l’étape d’amendement ou "
                    "d’intégration."
                )
            )
        if not reason:
            raise ValidationError({"reason": _("Dites pourquoi le texte change.")})
        amendment = _new_amendment(locked, actor, text, reason, responds_to)
        version = _integrate(locked, amendment, actor, "")
    _touch_live(locked)
    _sync(proposal, locked)
    return version


@transaction.atomic
def objection_withdraw(*, objection: Objection, person: Person, note: str = "") -> Objection:
    """Its author withdraws an open objection (in the objections round it was raised,
    this counts as their consent)."""
    locked = _lock(objection.proposal)
    _require_open(locked)
    fresh = Objection.objects.select_for_update().get(pk=objection.pk)
    if fresh.author_id != person.pk:
        raise ValidationError(_("Seul·e son auteur·rice retire une objection."))
    if fresh.status != Objection.Status.OPEN:
        raise ValidationError(_("Cette objection n’est plus ouverte."))
    fresh.status = Objection.Status.WITHDRAWN
    fresh.resolved_at = timezone.now()
    fresh.resolution_note = _clean_text(note)
    fresh.save(update_fields=["status", "resolved_at", "resolution_note"])
    objection.status = fresh.status
    objection.resolved_at = fresh.resolved_at
    objection.resolution_note = fresh.resolution_note
    _touch_live(locked)
    return fresh


@transaction.atomic
def opinion_record(*, proposal: Proposal, actor: Person, text: str) -> Proposal:
    """After the round of opinions, the driver writes the body's collective opinion."""
    locked = _lock(proposal)
    _require_driver(actor, locked)
    if locked.process != Process.OPINION:
        raise ValidationError(_("Cette proposition n’appelle pas d’avis collectif."))
    if locked.phase != Phase.OPINIONS:
        raise ValidationError(_("L’avis collectif s’écrit après le tour des avis."))
    text = _clean_text(text)
    if not text:
        raise ValidationError({"opinion_text": _("Écrivez l’avis de l’instance.")})
    locked.opinion_text = text
    locked.save(update_fields=["opinion_text"])
    _touch_live(locked)
    _sync(proposal, locked)
    return locked


def adoption_blockers(proposal: Proposal) -> list[str]:
    """Why the proposal cannot be adopted now (empty when it can), in French."""
    if not proposal.is_open:
        return [_("La proposition n’est pas en cours.")]
    if proposal.process == Process.CONSENT:
        return _consent_blockers(proposal)
    if proposal.process == Process.VOTE:
        if proposal.phase != Phase.VOTING:
            return [_("Le vote n’est pas encore ouvert.")]
        silence = silence_blockers(proposal)
        if silence:
            return silence
        tally = vote_tally(proposal)
        if not tally.adopted:
            return [
                _(
                    "La proposition n’atteint pas le seuil : %(for)s pour, %(against)s contre "
                    "(seuil %(threshold)s %%)."
                )
                % {"for": tally.for_, "against": tally.against, "threshold": tally.threshold}
            ]
        return []
    if proposal.process == Process.OPINION:
        if proposal.phase != Phase.OPINIONS:
            return [_("Le tour des avis n’a pas encore eu lieu.")]
        silence = silence_blockers(proposal)
        if silence:
            return silence
        if not proposal.opinion_text:
            return [_("L’avis de l’instance n’est pas encore écrit.")]
    return []


def silence_blockers(proposal: Proposal) -> list[str]:
    """A vote is counted, a collective opinion adopted, once every participant has
    answered the round; asynchronously, once its deadline has passed (silence is then
    simply not counted), provided someone answered."""
    answered = {t.person_id for t in current_turns(proposal)}
    if deadline_passed(proposal):
        if not answered:
            return [_("Personne n’a répondu à ce tour.")]
        return []
    silent = [p.full_name for p in participants(proposal) if p.pk not in answered]
    if not silent and not answered:
        return [_("Personne ne prend part au tour.")]
    if not silent:
        return []
    names = {"names": ", ".join(silent)}
    if proposal.mode == Proposal.Mode.ASYNC:
        return [
            _(
                "Tout le monde n’a pas encore répondu : %(names)s. Le tour se conclut quand "
                "chacun·e a répondu, ou une fois l’échéance passée."
            )
            % names
        ]
    return [_("Tout le monde n’a pas encore répondu : %(names)s.") % names]


def _consent_blockers(proposal: Proposal) -> list[str]:
    reasons: list[str] = []
    if proposal.phase != Phase.OBJECTIONS:
        reasons.append(_("L’adoption se fait à l’issue d’un tour d’objections."))
        return reasons
    open_objections = proposal.objections.filter(status=Objection.Status.OPEN).count()
    if open_objections:
        reasons.append(_("%(count)s objection(s) restent ouvertes.") % {"count": open_objections})
    people = participants(proposal)
    if not people:
        reasons.append(_("Personne ne prend part au tour."))
    consenting = consenting_ids(proposal)
    missing = [p.full_name for p in people if p.pk not in consenting]
    answered = {t.person_id for t in current_turns(proposal)}
    silent = [p.full_name for p in people if p.pk not in answered]
    if silent:
        reasons.append(
            _("Le silence ne vaut pas consentement : %(names)s n’ont pas encore répondu.")
            % {"names": ", ".join(silent)}
        )
    elif missing and not open_objections:
        reasons.append(
            _("Tout le monde n’a pas consenti : %(names)s.") % {"names": ", ".join(missing)}
        )
    return reasons


def _takers(proposal: Proposal) -> list[Person]:
    ids = Turn.objects.filter(proposal=proposal).values("person_id")
    return list(Person.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk"))


@transaction.atomic
def proposal_adopt(
    *,
    proposal: Proposal,
    actor: Person,
    review_on: date | None = None,
    decided_on: date | None = None,
) -> Decision:
    """Adopt: refused while an objection stands or a participant has not consented in the
    latest objections round (silence is never consent), while a vote does not reach its
    threshold, or before the collective opinion is written. Writes the register entry,
    whose kind follows the body's authority on the object, then adopts the proposal's
    subject, if any (a version of the charter or the framework, an elected person):
    refused there, nothing is written."""
    locked = _lock(proposal)
    _require_driver(actor, locked)
    blockers = adoption_blockers(locked)
    if blockers:
        raise ValidationError(blockers)
    kind, why = outcome_kind(locked)
    review_on = review_on or locked.review_on
    item = locked.item
    text = locked.opinion_text if locked.process == Process.OPINION else locked.text
    decision = decision_record(
        body=locked.body,
        kind=kind,
        process=locked.process,
        title=locked.title,
        text=text,
        decided_on=decided_on,
        recorded_by=actor,
        participants=_takers(locked),
        proposal=locked,
        meeting=item.meeting if item is not None else None,
        item=item,
        object=locked.object,
        review_on=review_on,
        amends=locked.amends,
        supersedes=locked.supersedes,
        authority_note=why,
    )
    locked.phase = Phase.ADOPTED
    locked.review_on = review_on
    locked.closed_at = timezone.now()
    locked.deadline = None
    locked.save(update_fields=["phase", "review_on", "closed_at", "deadline"])
    if locked.subject is not None:
        kind_of(locked.subject).adopted(locked.subject, locked, decision)
    _touch_live(locked)
    _sync(proposal, locked)
    return decision


def _release_subject(locked: Proposal) -> None:
    """A proposal closed without adoption leaves its subject free (a draft editable
    again)."""
    if locked.subject is not None:
        kind_of(locked.subject).released(locked.subject, locked)


@transaction.atomic
def vote_close(
    *, proposal: Proposal, actor: Person, review_on: date | None = None
) -> Decision | None:
    """Count the votes: adopted (the register entry) or rejected (None)."""
    locked = _lock(proposal)
    _require_driver(actor, locked)
    if locked.process != Process.VOTE or locked.phase != Phase.VOTING:
        raise ValidationError(_("Le vote n’est pas ouvert."))
    silence = silence_blockers(locked)
    if silence:
        raise ValidationError(silence)
    if vote_tally(locked).adopted:
        return proposal_adopt(proposal=proposal, actor=actor, review_on=review_on)
    locked.phase = Phase.REJECTED
    locked.closed_at = timezone.now()
    locked.deadline = None
    locked.save(update_fields=["phase", "closed_at", "deadline"])
    _release_subject(locked)
    _touch_live(locked)
    _sync(proposal, locked)
    return None


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, actor: Person) -> Proposal:
    """The proposal is withdrawn (by whoever drives it): nothing is recorded."""
    locked = _lock(proposal)
    _require_driver(actor, locked)
    if locked.phase in CLOSED_PHASES:
        raise ValidationError(_("La proposition est déjà close."))
    locked.phase = Phase.WITHDRAWN
    locked.closed_at = timezone.now()
    locked.deadline = None
    locked.save(update_fields=["phase", "closed_at", "deadline"])
    _release_subject(locked)
    _touch_live(locked)
    _sync(proposal, locked)
    return locked
