"""The demo's past election: the codir chose its facilitator, Yannick Le Goff, in December
before his term began on the first of January. Nominations with their reasons, one
change, the proposal, everyone's consent, the role assigned: it is linked to the seat
demo/people.py already gives him (no duplicate). Loading twice changes nothing.

Run by the demo app (demo/registry.py) among the register's entries.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body, BodyMembership
from bodies.selectors import first_codir
from decisions.consent.rules import participants
from decisions.models import Proposal, Turn
from decisions.proposals.adoption import proposal_adopt
from decisions.proposals.turns import turn_record
from elections import services
from elections.models import Election, ElectionProposal, Nomination
from elections.selectors import is_voter
from territories.models import Territory, TerritoryMember

DEMO_DOMAIN = "demo-achards.test"  # the demo people's addresses (demo/people.py)
NOMINEE = "yannick.le-goff"
ADMIN = "claire.morvan"

# (who nominates, whom, why)
NOMINATIONS: list[tuple[str, str, str]] = [
    (
        "claire.morvan",
        "yannick.le-goff",
        "Il anime déjà nos ateliers en sociocratie : il sait donner la parole à chacun, "
        "les secrétaires de mairie comme les DGS.",
    ),
    (
        "julien.brehier",
        "yannick.le-goff",
        "Calme, précis sur les délais, et il ne parle jamais pour sa seule commune.",
    ),
    (
        "sophie.garnier",
        "amandine.rocher",
        "Elle a fait vivre le comité petite enfance : elle saurait faire de même ici.",
    ),
    (
        "amandine.rocher",
        "yannick.le-goff",
        "Il prépare les ordres du jour avec soin et tient le temps sans brusquer.",
    ),
    (
        "nadia.poirier",
        "lucie.hamon",
        "Secrétaire de mairie, elle connaît les contraintes des petites communes : "
        "ce serait un beau signal de parité.",
    ),
    (
        "pierre.auger",
        "yannick.le-goff",
        "Son expérience de l'animation en sociocratie nous fera gagner du temps.",
    ),
    (
        "lucie.hamon",
        "sophie.garnier",
        "Elle a une vision de l'ensemble du bloc local et le sens de la synthèse.",
    ),
    (
        "marc.tessier",
        "yannick.le-goff",
        "Nouveau dans le codir, j'ai apprécié sa façon d'expliquer nos règles.",
    ),
    (
        "yannick.le-goff",
        "amandine.rocher",
        "Elle a l'énergie pour relancer les dossiers qui traînent.",
    ),
]
CHANGE = (
    "sophie.garnier",
    "yannick.le-goff",
    "Amandine anime déjà le comité petite enfance ; Yannick a le temps et l'envie, je me "
    "range à son nom.",
)
PROPOSAL_REASON = (
    "Six nominations sur neuf après le tour de changements ; on a entendu son expérience "
    "de l'animation, son attention à la parité de parole et sa rigueur sur les délais."
)
DESCRIPTION = (
    "L'animateur·rice fait vivre le codir entre les réunions et pendant celles-ci : "
    "chacun a la parole, les décisions sont prises selon la charte et suivies."
)
TASKS = (
    "Préparer l'ordre du jour avec le ou la secrétaire\n"
    "Animer les tours de parole et les décisions par consentement\n"
    "Veiller au suivi des décisions et aux échéances\n"
    "Représenter le codir auprès de la conférence des maires quand il le faut"
)


def _person(key: str) -> Person | None:
    return Person.objects.filter(email=f"{key}@{DEMO_DOMAIN}").first()


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _admin(territory: Territory) -> Person | None:
    admin = _person(ADMIN)
    if admin is not None:
        return admin
    row = territory.members.filter(role=TerritoryMember.Role.ADMIN).select_related("person")
    first = row.first()
    return first.person if first else None


@transaction.atomic
def _facilitator_seat(body: Body) -> BodyMembership | None:
    nominee = _person(NOMINEE)
    return (
        BodyMembership.objects.filter(
            body=body, person=nominee, role=BodyMembership.Role.FACILITATOR
        )
        .order_by("-start_date")
        .first()
    )


def _decided_on(seat: BodyMembership) -> date:
    return seat.start_date - timedelta(days=22)


def demo_election_day(territory: Territory) -> date | None:
    """The day the demo election is adopted: the demo app records it among the register's
    other entries in date order, so that the register's numbers follow the dates."""
    body = first_codir(territory)
    seat = _facilitator_seat(body) if body is not None else None
    return _decided_on(seat) if seat is not None else None


def demo_elections(territory: Territory) -> Election | None:
    """The past election of the codir's facilitator, or None when the demo lacks it."""
    body = first_codir(territory)
    nominee = _person(NOMINEE)
    actor = _admin(territory)
    if body is None or nominee is None or actor is None:
        return None
    seat = _facilitator_seat(body)
    if seat is None:
        return None
    existing = Election.objects.filter(body=body, seat=seat).first()
    if existing is not None:
        return existing
    opened_on = seat.start_date - timedelta(days=40)
    decided_on = _decided_on(seat)
    election = services.election_create(
        body=body,
        actor=actor,
        role=Election.Role.FACILITATOR,
        description=DESCRIPTION,
        tasks=TASKS,
        term_months=12,
        term_start=seat.start_date,
    )
    _nominate(election)
    services.election_advance(election=election, actor=actor)
    services.election_advance(election=election, actor=actor)
    _change(election)
    item = services.election_propose(
        election=election, actor=actor, nominee=nominee, reason=PROPOSAL_REASON
    )
    for person in participants(item.proposal):
        turn_record(
            proposal=item.proposal, person=person, answer=Turn.Answer.CONSENT, recorded_by=person
        )
    proposal_adopt(proposal=item.proposal, actor=actor, decided_on=decided_on)
    # The register entry keeps its recording time: a Decision is never rewritten.
    _backdate(election, item, opened_on, decided_on)
    election.refresh_from_db()
    return election


def _nominate(election: Election) -> None:
    for nominator_key, nominee_key, reason in NOMINATIONS:
        nominator, nominee = _person(nominator_key), _person(nominee_key)
        if nominator is None or nominee is None:
            continue
        if is_voter(nominator, election.body) and is_voter(nominee, election.body):
            services.nomination_write(
                election=election, nominator=nominator, nominee=nominee, reason=reason
            )


def _change(election: Election) -> None:
    nominator, nominee = _person(CHANGE[0]), _person(CHANGE[1])
    if nominator is None or nominee is None:
        return
    if election.nominations.filter(nominator=nominator).exclude(nominee=nominee).exists():
        services.nomination_change(
            election=election, nominator=nominator, nominee=nominee, reason=CHANGE[2]
        )


def _backdate(
    election: Election,
    item: ElectionProposal,
    opened_on: date,
    decided_on: date,
) -> None:
    """The services write today's times; the demo's election took place in the past."""
    Election.objects.filter(pk=election.pk).update(created_at=_at(opened_on))
    for offset, nomination in enumerate(election.nominations.order_by("pk")):
        day = opened_on + timedelta(days=1 + offset % 7)
        if nomination.stage == Nomination.Stage.CHANGE:
            day = decided_on - timedelta(days=7)
        Nomination.objects.filter(pk=nomination.pk).update(created_at=_at(day, 10))
    proposed_at = _at(decided_on - timedelta(days=6))
    ElectionProposal.objects.filter(pk=item.pk).update(created_at=proposed_at)
    Proposal.objects.filter(pk=item.proposal_id).update(
        created_at=proposed_at, opened_at=proposed_at, closed_at=_at(decided_on, 11)
    )
    item.proposal.versions.update(created_at=proposed_at)
    Turn.objects.filter(proposal_id=item.proposal_id).update(created_at=_at(decided_on, 10))
