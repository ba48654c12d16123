"""Demo parity: the codir's year before its charter, when the intercommunality and the
largest commune (Les Achards) convened, hosted, ran and filled the agenda of nearly
every meeting, and two small communes (Martinet, Sainte-Flaive-des-Loups) came without
ever proposing or hosting. The parity page then shows a visible imbalance, and its trend
the charter's rotation correcting it. Runs after the follow-up step; idempotent: a
meeting is recognised by its title in the codir."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.selectors import first_codir
from meetings.models import AgendaItem, Attendance, Meeting
from territories.models import Organisation, Territory

DEMO_DOMAIN = "demo-achards.test"
EPCI = "CC du Pays des Achards"
ACHARDS = "Les Achards"
# Who came to those meetings (person keys); the two small communes' people came too.
PRESENT = (
    "claire.morvan",
    "julien.brehier",
    "sophie.garnier",
    "yannick.le-goff",
    "marc.tessier",
    "nadia.poirier",
    "amandine.rocher",
)


@dataclass(frozen=True)
class PastMeeting:
    title: str
    days_ago: int
    host: str
    facilitator: str
    secretary: str
    items: tuple[tuple[str, str], ...]  # (title, proposer and presenter)


PAST: tuple[PastMeeting, ...] = (
    PastMeeting(
        "Codir d'avant la charte : rentrée",
        450,
        EPCI,
        "claire.morvan",
        "julien.brehier",
        (
            ("Budget communautaire : calendrier de préparation", "claire.morvan"),
            ("Schéma de mutualisation : état des lieux", "julien.brehier"),
        ),
    ),
    PastMeeting(
        "Codir d'avant la charte : achats",
        330,
        EPCI,
        "claire.morvan",
        "julien.brehier",
        (
            ("Groupement de commandes : fournitures", "julien.brehier"),
            ("Transfert de la compétence eau : point d'étape", "claire.morvan"),
            ("Fêtes de fin d'année : calendrier des services", "sophie.garnier"),
        ),
    ),
    PastMeeting(
        "Codir d'avant la charte : ressources humaines",
        270,
        ACHARDS,
        "sophie.garnier",
        "julien.brehier",
        (
            ("Remplacements des secrétaires de mairie", "sophie.garnier"),
            ("Plan de formation : besoins des communes", "julien.brehier"),
            ("Protection sociale complémentaire", "claire.morvan"),
        ),
    ),
    PastMeeting(
        "Codir d'avant la charte : projet de territoire",
        200,
        EPCI,
        "claire.morvan",
        "julien.brehier",
        (
            ("Projet de territoire : méthode et calendrier", "claire.morvan"),
            ("Mobilités : étude du syndicat", "julien.brehier"),
            ("Écoles : effectifs de la rentrée", "yannick.le-goff"),
        ),
    ),
    PastMeeting(
        "Codir d'avant la charte : charte de fonctionnement",
        130,
        ACHARDS,
        "sophie.garnier",
        "claire.morvan",
        (
            ("Charte de fonctionnement du codir : premier projet", "claire.morvan"),
            ("Voirie : programme de l'an prochain", "sophie.garnier"),
            ("Urbanisme : délais d'instruction", "marc.tessier"),
        ),
    ),
)


def demo_parity(territory: Territory) -> None:
    body = first_codir(territory)
    if body is None:
        return
    keys = {key for past in PAST for key in (past.facilitator, past.secretary)}
    keys |= {key for past in PAST for _title, key in past.items} | set(PRESENT)
    people = {
        person.email.split("@")[0]: person
        for person in Person.objects.filter(email__in=[f"{key}@{DEMO_DOMAIN}" for key in keys])
    }
    hosts = {
        o.name: o
        for o in Organisation.objects.filter(territory=territory, name__in=[EPCI, ACHARDS])
    }
    existing = set(body.meetings.values_list("title", flat=True))
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    with transaction.atomic():
        for past in PAST:
            if past.title in existing or past.facilitator not in people:
                continue
            day = today - timedelta(days=past.days_ago)
            starts = datetime.combine(day, time(9, 0), zone)
            meeting = Meeting.objects.create(
                body=body,
                title=past.title,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                host=hosts.get(past.host),
                place=past.host,
                facilitator=people[past.facilitator],
                secretary=people.get(past.secretary),
                status=Meeting.Status.HELD,
                convened_at=starts - timedelta(days=10),
                created_at=starts - timedelta(days=30),
            )
            AgendaItem.objects.bulk_create(
                AgendaItem(
                    meeting=meeting,
                    title=title,
                    proposed_by=people.get(key),
                    presenter=people.get(key),
                    proposed_at=starts - timedelta(days=20),
                    status=AgendaItem.Status.ACCEPTED,
                    position=number,
                    outcome=AgendaItem.Outcome.NOTED,
                )
                for number, (title, key) in enumerate(past.items, start=1)
            )
            Attendance.objects.bulk_create(
                Attendance(meeting=meeting, person=people[key], status=Attendance.Status.PRESENT)
                for key in PRESENT
                if key in people
            )
