"""Writes of a proposal's life: filing it (with its subject, its handling and where it
stands in the register), submitting a subject to consent, opening it, moving it from
phase to phase, writing the collective opinion, withdrawing it. Turns, amendments and
objections are in turns.py; adoption and the vote's count in adoption.py. Every write
locks the proposal's row (guards.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from access.permissions import CONTRIBUTE, allowed
from accounts.models import Person
from bodies.models import Body
from decisions.consent.permissions import require_driver
from decisions.consent.rules import PHASES, next_phase
from decisions.models import (
    Decision,
    Objection,
    Process,
    Proposal,
    ProposalVersion,
)
from decisions.proposals.guards import (
    clean_text,
    deadline_for,
    lock_proposal,
    require_open,
    sync_proposal,
    touch_live,
)
from decisions.proposals.notices import announce_round
from decisions.proposals.subjects import kind_of, release_subject, submittable_kind_of
from governance.models import Authority, FrameworkObject
from governance.selectors import current_framework
from meetings.models import AgendaItem

Phase = Proposal.Phase


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


def _check_wording(body: Body, proposer: Person, title: str, text: str) -> tuple[str, str]:
    """The proposer is a member (or an administrator); the title and text, cleaned."""
    if not allowed(proposer, CONTRIBUTE, body):
        raise ValidationError(_("Seul·es les membres de l’instance y déposent une proposition."))
    title = title.strip()
    text = clean_text(text)
    if not title:
        raise ValidationError({"title": _("Donnez un intitulé à la proposition.")})
    if not text:
        raise ValidationError({"text": _("Écrivez le texte proposé.")})
    return title, text


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
    title, text = _check_wording(body, proposer, title, text)
    _check_handling(body, handling, subject)
    _check_object(body, handling.process, scope, subject)
    _check_links(body, scope, subject)
    proposal = Proposal.objects.create(
        body=body,
        proposer=proposer,
        title=title,
        text=text,
        context=clean_text(context),
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
    touch_live(proposal)
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
    locked = lock_proposal(proposal)
    require_driver(actor, locked)
    if locked.phase != Phase.DRAFT:
        raise ValidationError(_("Seul un brouillon peut être ouvert."))
    phases = PHASES[locked.process]
    phase = start_phase or phases[0]
    if phase not in phases:
        raise ValidationError(_("Cette étape n’est pas celle de ce processus."))
    locked.deadline = deadline_for(locked, phase, deadline)
    locked.phase = phase
    locked.opened_at = locked.phase_opened_at = timezone.now()
    locked.save(update_fields=["phase", "deadline", "opened_at", "phase_opened_at"])
    touch_live(locked)
    announce_round(locked, actor)
    sync_proposal(proposal, locked)
    return locked


@transaction.atomic
def proposal_advance(
    *, proposal: Proposal, actor: Person, deadline: datetime | None = None
) -> Proposal:
    """Go to the next phase. From the integration, back to a new objections round
    (once every objection is integrated or withdrawn)."""
    locked = lock_proposal(proposal)
    require_driver(actor, locked)
    require_open(locked)
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
    locked.deadline = deadline_for(locked, target, deadline)
    locked.phase_opened_at = timezone.now()
    locked.save(update_fields=["phase", "deadline", "round_number", "phase_opened_at"])
    touch_live(locked)
    announce_round(locked, actor)
    sync_proposal(proposal, locked)
    return locked


@transaction.atomic
def opinion_record(*, proposal: Proposal, actor: Person, text: str) -> Proposal:
    """After the round of opinions, the driver writes the body's collective opinion."""
    locked = lock_proposal(proposal)
    require_driver(actor, locked)
    if locked.process != Process.OPINION:
        raise ValidationError(_("Cette proposition n’appelle pas d’avis collectif."))
    if locked.phase != Phase.OPINIONS:
        raise ValidationError(_("L’avis collectif s’écrit après le tour des avis."))
    text = clean_text(text)
    if not text:
        raise ValidationError({"opinion_text": _("Écrivez l’avis de l’instance.")})
    locked.opinion_text = text
    locked.save(update_fields=["opinion_text"])
    touch_live(locked)
    sync_proposal(proposal, locked)
    return locked


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, actor: Person) -> Proposal:
    """The proposal is withdrawn (by whoever drives it): nothing is recorded."""
    locked = lock_proposal(proposal)
    require_driver(actor, locked)
    if locked.phase in Proposal.CLOSED_PHASES:
        raise ValidationError(_("La proposition est déjà close."))
    locked.phase = Phase.WITHDRAWN
    locked.closed_at = timezone.now()
    locked.deadline = None
    locked.save(update_fields=["phase", "closed_at", "deadline"])
    release_subject(locked)
    touch_live(locked)
    sync_proposal(proposal, locked)
    return locked
