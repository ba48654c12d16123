"""Writes of an election, one transaction each. Services raise ValidationError with a
French message; the views show it.

Who does what: the body's facilitator or a territory administrator (the "driver",
bodies.selectors.can_plan_meetings) opens the election, moves it from one step to the
next and proposes a person; each current member of the body (not the guests) writes a
nomination and may change it in the change round. Nobody applies: there is no
candidacy, only nominations written by others (or by oneself, as sociocracy allows), and
the person proposed must have been named by at least one other member."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped, unused-ignore]
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body, BodyMembership
from bodies.services import membership_create, membership_end
from core.french import de_name
from decisions.models import Proposal
from decisions.proposals.services import Handling, proposal_create, proposal_open, proposal_withdraw
from elections.models import (
    Election,
    ElectionProposal,
    Nomination,
    delegate_capacity,
    next_election_date,
)
from elections.selectors import current_nominations, is_voter
from meetings.models import Meeting
from territories.services import territory_member_ensure

MAX_TERM_MONTHS = 72


# --- Step 1: the role ------------------------------------------------------------------


@transaction.atomic
def election_create(
    *,
    body: Body,
    actor: Person,
    role: str,
    description: str,
    tasks: str = "",
    term_months: int = 12,
    term_start: date | None = None,
    target_body: Body | None = None,
    meeting: Meeting | None = None,
) -> Election:
    """Open an election: its nominations are written from now on."""
    _check_role(body=body, role=role, target_body=target_body)
    if not 1 <= term_months <= MAX_TERM_MONTHS:
        raise ValidationError(
            {"term_months": _("Un mandat dure de 1 à %(max)d mois.") % {"max": MAX_TERM_MONTHS}}
        )
    if meeting is not None and meeting.body_id != body.pk:
        raise ValidationError({"meeting": _("Cette réunion est celle d'une autre instance.")})
    if _already_open(body=body, role=role, target_body=target_body):
        raise ValidationError(_("Une élection pour ce rôle est déjà en cours dans l'instance."))
    election = Election(
        body=body,
        role=role,
        target_body=target_body if role == Election.Role.DELEGATE else None,
        description=description.strip(),
        tasks=tasks.strip(),
        term_months=term_months,
        term_start=term_start,
        meeting=meeting,
        created_by=actor,
    )
    election.full_clean()
    election.save()
    return election


def _check_role(*, body: Body, role: str, target_body: Body | None) -> None:
    if role not in Election.Role.values:
        raise ValidationError({"role": _("Ce rôle ne s'élit pas.")})
    if role != Election.Role.DELEGATE:
        return
    if target_body is None:
        raise ValidationError(
            {"target_body": _("Indiquez l'instance où siègera le ou la délégué·e.")}
        )
    if target_body.pk == body.pk or target_body.territory_id != body.territory_id:
        raise ValidationError(
            {"target_body": _("La délégation se fait auprès d'une autre instance du territoire.")}
        )


def _already_open(*, body: Body, role: str, target_body: Body | None) -> bool:
    open_ones = Election.objects.filter(body=body, role=role).exclude(
        phase__in=[Election.Phase.ASSIGNED, Election.Phase.CANCELLED]
    )
    if role == Election.Role.DELEGATE:
        open_ones = open_ones.filter(target_body=target_body)
    return open_ones.exists()


# --- Steps 2 and 4: nominations ----------------------------------------------------------


@transaction.atomic
def nomination_write(
    *, election: Election, nominator: Person, nominee: Person, reason: str
) -> Nomination:
    """Step 2: a member names someone, with the reason. Until the reading the member may
    rewrite it (nobody has read it yet); after the reading, see `nomination_change`."""
    election = _locked(election)
    if election.phase != Election.Phase.NOMINATION:
        raise ValidationError(_("Le temps des nominations est passé."))
    _check_nomination(election=election, nominator=nominator, nominee=nominee, reason=reason)
    nomination, _created = Nomination.objects.update_or_create(
        election=election,
        nominator=nominator,
        stage=Nomination.Stage.FIRST,
        defaults={"nominee": nominee, "reason": reason.strip(), "created_at": timezone.now()},
    )
    return nomination


@transaction.atomic
def nomination_change(
    *, election: Election, nominator: Person, nominee: Person, reason: str
) -> Nomination:
    """Step 4: after hearing the others, a member changes their nomination, once, with
    the reason of the change. The first nomination is kept."""
    election = _locked(election)
    if election.phase != Election.Phase.CHANGES:
        raise ValidationError(_("Le tour de changements n'est pas ouvert."))
    _check_nomination(election=election, nominator=nominator, nominee=nominee, reason=reason)
    given = {n.stage: n for n in election.nominations.filter(nominator=nominator)}
    first = given.get(Nomination.Stage.FIRST)
    if first is None:
        raise ValidationError(_("Vous n'avez pas écrit de nomination au premier tour."))
    if Nomination.Stage.CHANGE in given:
        raise ValidationError(_("Vous avez déjà changé votre nomination."))
    if first.nominee_id == nominee.pk:
        raise ValidationError({"nominee": _("C'est déjà la personne que vous avez nommée.")})
    return Nomination.objects.create(
        election=election,
        stage=Nomination.Stage.CHANGE,
        nominator=nominator,
        nominee=nominee,
        reason=reason.strip(),
        replaces=first,
    )


def _check_nomination(
    *, election: Election, nominator: Person, nominee: Person, reason: str
) -> None:
    if not is_voter(nominator, election.body):
        raise ValidationError(_("Seuls les membres de l'instance écrivent une nomination."))
    if not is_voter(nominee, election.body):
        raise ValidationError(
            {"nominee": _("On ne peut nommer qu'un·e membre de l'instance (pas un·e invité·e).")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Dites pourquoi vous nommez cette personne.")})


def _locked(election: Election) -> Election:
    """Reload the election under a row lock: two steps never cross."""
    return (
        Election.objects.select_for_update(of=("self",))
        .select_related("body", "target_body")
        .get(pk=election.pk)
    )


# --- Steps 3 and 4: moving on --------------------------------------------------------------

NEXT_PHASE = {
    Election.Phase.NOMINATION: Election.Phase.READING,
    Election.Phase.READING: Election.Phase.CHANGES,
}


@transaction.atomic
def election_advance(*, election: Election, actor: Person) -> Election:
    """Nominations → reading (they become visible to all) → change round."""
    locked = _locked(election)
    following = NEXT_PHASE.get(Election.Phase(locked.phase))
    if following is None:
        raise ValidationError(_("Cette étape ne se franchit pas ainsi."))
    if locked.phase == Election.Phase.NOMINATION and not locked.nominations.exists():
        raise ValidationError(_("Personne n'a encore écrit de nomination."))
    locked.phase = following
    locked.save(update_fields=["phase"])
    election.phase = locked.phase  # the caller's copy follows
    return locked


@transaction.atomic
def election_cancel(*, election: Election, actor: Person) -> Election:
    """Give up an election (the role stays with its holder); an open proposal is withdrawn."""
    locked = _locked(election)
    if not locked.in_progress:
        raise ValidationError(_("Cette élection est close."))
    current = locked.proposals.select_related("proposal").last()
    if current is not None and current.proposal.is_open:
        proposal_withdraw(proposal=current.proposal, actor=actor)
    locked.phase = Election.Phase.CANCELLED
    locked.save(update_fields=["phase"])
    election.phase = locked.phase
    return locked


# --- Steps 5 and 6: the proposal and its consent round ---------------------------------------


def can_propose_now(election: Election) -> bool:
    """After the change round; again when the previous proposal was withdrawn."""
    if election.phase == Election.Phase.CHANGES:
        return True
    if election.phase != Election.Phase.CONSENT:
        return False
    current = election.proposals.select_related("proposal").last()
    return current is None or current.proposal.phase in (
        Proposal.Phase.WITHDRAWN,
        Proposal.Phase.REJECTED,
    )


@transaction.atomic
def election_propose(
    *, election: Election, actor: Person, nominee: Person, reason: str
) -> ElectionProposal:
    """Step 5 and 6: the facilitator proposes a person; the proposal is opened at once in
    its objections round, the nominee speaking last. The proposal's subject is the
    election: adopting it assigns the role (elections/subjects.py)."""
    caller = election
    election = _locked(election)
    if not can_propose_now(election):
        raise ValidationError(_("Une proposition est déjà soumise au consentement."))
    if not reason.strip():
        raise ValidationError({"reason": _("Donnez les raisons de cette proposition.")})
    if not is_voter(nominee, election.body):
        raise ValidationError({"nominee": _("Cette personne ne siège pas dans l'instance.")})
    named_by_others = [
        n
        for n in current_nominations(election)
        if n.nominee_id == nominee.pk and n.nominator_id != nominee.pk
    ]
    if not named_by_others:
        # Nobody is a candidate: naming oneself is allowed, but does not make one eligible.
        raise ValidationError(
            {"nominee": _("Proposez une personne nommée par au moins un·e autre membre.")}
        )
    proposal = proposal_create(
        body=election.body,
        proposer=actor,
        title=_proposal_title(election, nominee),
        text=_proposal_text(election, nominee, reason.strip()),
        context=reason.strip(),
        subject=election,
        handling=Handling(
            mode=Proposal.Mode.LIVE if election.is_live else Proposal.Mode.ASYNC,
            last_speaker=nominee,
        ),
    )
    proposal_open(proposal=proposal, actor=actor, start_phase=Proposal.Phase.OBJECTIONS)
    election.phase = Election.Phase.CONSENT
    election.save(update_fields=["phase"])
    caller.phase = election.phase
    return ElectionProposal.objects.create(
        election=election,
        nominee=nominee,
        reason=reason.strip(),
        proposed_by=actor,
        proposal=proposal,
    )


def _proposal_title(election: Election, nominee: Person) -> str:
    title = _("Élection %(of_name)s : %(role)s") % {
        "of_name": de_name(nominee.full_name),
        "role": election.role_label,
    }
    return title[:200]


def _proposal_text(election: Election, nominee: Person, reason: str) -> str:
    lines = [
        _("%(name)s est proposé·e comme %(role)s pour un mandat de %(months)d mois.")
        % {"name": nominee.full_name, "role": election.role_label, "months": election.term_months},
    ]
    if election.term_start:
        lines.append(
            _("Début du mandat : %(date)s.") % {"date": election.term_start.strftime("%d/%m/%Y")}
        )
    lines += ["", _("Le rôle"), "", election.description]
    if election.tasks:
        lines += ["", _("Ses tâches"), "", election.tasks]
    lines += ["", _("Les raisons"), "", reason]
    return "\n".join(lines)


# --- Step 7: the role is assigned ------------------------------------------------------------


def term_last_day(start: date, months: int) -> date:
    """The last day of a term of `months` months starting on `start`: the day before its
    anniversary, so that the next term starts on the anniversary with no gap and no
    overlap. When the anniversary does not exist (31 January + 1 month), it is the last
    day of that month (28 or 29 February) and the term ends the day before (27 or 28
    February), as relativedelta clamps the day before the day is taken off."""
    anniversary = start + relativedelta(months=months)
    return anniversary - timedelta(days=1)


def term_dates(election: Election, decided_on: date) -> tuple[date, date]:
    """The term starts on the planned date (or on the decision if that is later, or if
    none was planned) and lasts `term_months`; the end date is the term's last day."""
    start = max(election.term_start, decided_on) if election.term_start else decided_on
    return start, term_last_day(start, election.term_months)


@transaction.atomic
def election_assign(*, election_proposal: ElectionProposal, decided_on: date) -> Election:
    """Called when the consent proposal is adopted: the previous holder's seat ends the
    day before the term starts; the elected person gets the seat for the term."""
    election = _locked(election_proposal.election)
    if election.phase != Election.Phase.CONSENT:
        raise ValidationError(_("Cette élection n'attend pas de consentement."))
    nominee = election_proposal.nominee
    start, end = term_dates(election, decided_on)
    seat_body, capacity = _seat_place(election)
    existing = BodyMembership.objects.filter(
        body=seat_body, person=nominee, role=election.role, start_date=start
    ).first()
    for previous in _previous_holders(election, seat_body, start, capacity):
        if existing is None or previous.pk != existing.pk:
            membership_end(membership=previous, end_date=start - timedelta(days=1))
    seat = existing or _seat_create(election, seat_body, nominee, capacity, start, end)
    election.phase = Election.Phase.ASSIGNED
    election.elected = nominee
    election.seat = seat
    election.decided_on = decided_on
    election.term_end = seat.end_date
    election.next_election_on = next_election_date(seat.end_date) if seat.end_date else None
    election.save()
    return election


def _seat_place(election: Election) -> tuple[Body, str]:
    """Where the seat is: the body itself, or for a delegate the target body, with a
    capacity saying whom they represent."""
    if election.role == Election.Role.DELEGATE and election.target_body is not None:
        return election.target_body, delegate_capacity(election.body.name)
    return election.body, ""


def _previous_holders(
    election: Election, seat_body: Body, start: date, capacity: str
) -> list[BodyMembership]:
    """Seats in the role still running when the new term starts."""
    holders = BodyMembership.objects.filter(
        body=seat_body, role=election.role, start_date__lt=start
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    if capacity:
        holders = holders.filter(capacity=capacity)
    return list(holders)


def _seat_create(
    election: Election, seat_body: Body, nominee: Person, capacity: str, start: date, end: date
) -> BodyMembership:
    """The elected person's seat, with the position they sit in the body with."""
    member_seat = (
        BodyMembership.objects.current()
        .filter(body=election.body, person=nominee, position__isnull=False)
        .exclude(role=BodyMembership.Role.GUEST)
        .select_related("position__organisation")
        .first()
    )
    position = member_seat.position if member_seat else None
    if position is not None and position.organisation.territory_id != seat_body.territory_id:
        position = None
    role_held_today = (
        BodyMembership.objects.current()
        .filter(body=seat_body, person=nominee, role=election.role)
        .exists()
    )
    if not role_held_today:
        return membership_create(
            body=seat_body,
            person=nominee,
            role=election.role,
            position=position,
            capacity=capacity,
            start_date=start,
            end_date=end,
        )
    # Re-elected ahead of the end of their term: membership_create refuses a second seat
    # in the role while the first still runs (until the day before the new term), so the
    # seat is written here, with the same checks.
    seat = BodyMembership(
        body=seat_body,
        person=nominee,
        role=election.role,
        position=position,
        capacity=capacity,
        start_date=start,
        end_date=end,
    )
    seat.full_clean()
    seat.save()
    territory_member_ensure(territory=seat_body.territory, person=nominee)
    return seat
