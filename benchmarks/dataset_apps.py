"""The benchmark's data for the apps of issues 11 and 12, per territory, after its people,
bodies and decisions (benchmarks/dataset.py): external actors with people linked to them
(networks), two closed mirror sessions with answers for the codir (reflection), the
reference competences and scenarios, a default row per competence and a few own rows per
commune, with the public guidance page published (competences). Parity reads the seats
that exist already.

Bulk inserts, except two steps that go through the apps' own services because they are a
handful of queries per territory whatever its size: competences.services.reference_load
(the shipped reference list and scenarios) and reflection.services.session_create (the
session and its copy of the questionnaire). The answers are bulk-created: mirror_answer
rewrites all the answers of the session at each call (anonymity), quadratic at scale.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from django.db.models import Model

from accounts.models import Person
from benchmarks.bulk_insert import insert_rows
from bodies.models import Body
from competences.models import Competence, Exercise, TerritoryGuide
from competences.services import reference_load
from networks.models import Actor, ActorLink, Exchange, Strategy
from reflection import services as reflection
from reflection.models import MirrorSession, Participation, Question, Response, Status
from territories.models import Organisation, Territory

ACTORS: list[tuple[str, Actor.Kind]] = [
    ("Conseil départemental", Actor.Kind.AUTHORITY),
    ("Conseil régional", Actor.Kind.AUTHORITY),
    ("Préfecture", Actor.Kind.STATE),
    ("Direction départementale des territoires", Actor.Kind.STATE),
    ("Syndicat de bassin versant", Actor.Kind.WATER),
    ("Syndicat départemental d'eau potable", Actor.Kind.WATER),
    ("Autorité organisatrice des mobilités", Actor.Kind.MOBILITY),
    ("Syndicat mixte numérique", Actor.Kind.DIGITAL),
    ("Association des maires du département", Actor.Kind.ASSOCIATION),
    ("Réseau des DGS du département", Actor.Kind.MANAGERS),
]
ROLES = ["délégué titulaire", "délégué suppléant", "membre", "référent", "correspondant"]
MIRROR_SESSIONS = 2  # closed, 12 and 6 months ago
MIRROR_ANSWERS = 12  # members who answered each session, at most
OWN_ROWS_PER_COMMUNE = 2


def generate_apps(
    territories: Sequence[Territory],
    people: dict[int, list[Person]],
    codirs: dict[int, Body],
    codir_members: dict[int, list[Person]],
    communes: dict[int, list[Organisation]],
    epci: dict[int, Organisation | None],
    rng: random.Random,
    today: date,
    counts: dict[str, int],
) -> None:
    """The rows of the four apps for a chunk of territories; `counts` gets the rows
    written, by model label."""
    _networks(territories, people, rng, today, counts)
    for territory in territories:
        _mirror(codirs[territory.pk], codir_members[territory.pk], rng, today, counts)
    _competences(territories, communes, epci, rng, counts)


def _add(counts: dict[str, int], model: type[Model], rows: Sequence[Model]) -> None:
    if rows:
        insert_rows(model, rows)
        counts[model._meta.label] = counts.get(model._meta.label, 0) + len(rows)


def _networks(
    territories: Sequence[Territory],
    people: dict[int, list[Person]],
    rng: random.Random,
    today: date,
    counts: dict[str, int],
) -> None:
    actors: list[tuple[Actor, list[Person]]] = []
    for territory in territories:
        for name, kind in ACTORS:
            actor = Actor(
                territory=territory,
                name=name,
                kind=kind,
                circle=Body.Circle.EXTERNAL,
                description=f"{name}, partenaire de {territory.name}.",
            )
            actors.append((actor, people[territory.pk]))
    _add(counts, Actor, [actor for actor, _people in actors])
    links, strategies, exchanges = [], [], []
    for actor, persons in actors:
        linked = rng.sample(persons, min(len(persons), rng.randint(2, 5)))
        for index, person in enumerate(linked):
            start = today - timedelta(days=rng.randint(200, 2000))
            ended = index == 0 and rng.random() < 0.3
            links.append(
                ActorLink(
                    actor=actor,
                    person=person,
                    role=rng.choice(ROLES),
                    start_date=start,
                    end_date=start + timedelta(days=150) if ended else None,
                )
            )
        if linked:
            strategies.append(
                Strategy(
                    actor=actor,
                    purpose="Coordonner nos interventions sur le territoire.",
                    we_expect="Une information en amont de ses décisions.",
                    they_expect="Un interlocuteur unique pour les communes.",
                    owner=linked[-1],
                    next_step="Rencontre annuelle",
                    next_step_on=today + timedelta(days=rng.randint(10, 120)),
                )
            )
        for number in range(rng.randint(0, 3)):
            exchanges.append(
                Exchange(
                    actor=actor,
                    on=today - timedelta(days=30 * (number + 1)),
                    participants="DGS, président",
                    summary="Point d'étape sur les projets en cours.",
                    recorded_by=linked[0] if linked else None,
                )
            )
    _add(counts, ActorLink, links)
    _add(counts, Strategy, strategies)
    _add(counts, Exchange, exchanges)


def _mirror(
    body: Body, members: list[Person], rng: random.Random, today: date, counts: dict[str, int]
) -> None:
    if len(members) < 3:
        return
    participations, responses = [], []
    for number in range(MIRROR_SESSIONS):
        held_on = reflection.add_months(today, -6 * (MIRROR_SESSIONS - number))
        session = reflection.session_create(body=body, actor=members[0], held_on=held_on)
        MirrorSession.objects.filter(pk=session.pk).update(status=Status.CLOSED)
        counts["reflection.MirrorSession"] = counts.get("reflection.MirrorSession", 0) + 1
        questions = list(Question.objects.filter(session=session))
        for person in rng.sample(members, min(len(members), MIRROR_ANSWERS)):
            participations.append(Participation(session=session, person=person))
            for question in questions:
                if question.scale:
                    responses.append(Response(question=question, value=rng.randint(2, 5)))
                elif rng.random() < 0.5:
                    responses.append(
                        Response(question=question, text="Des échanges francs entre communes.")
                    )
    rng.shuffle(responses)  # the storage order says nothing of who answered what
    _add(counts, Participation, participations)
    _add(counts, Response, responses)


def _competences(
    territories: Sequence[Territory],
    communes: dict[int, list[Organisation]],
    epci: dict[int, Organisation | None],
    rng: random.Random,
    counts: dict[str, int],
) -> None:
    rows, guides = [], []
    for territory in territories:
        reference_load(territory=territory)
        competences = list(Competence.objects.filter(territory=territory).order_by("order"))
        counts["competences.Competence"] = counts.get("competences.Competence", 0) + len(
            competences
        )
        owner = epci[territory.pk]
        for index, competence in enumerate(competences):
            # Most by the communauté, every fourth by each commune en mairie.
            rows.append(
                Exercise(
                    territory=territory,
                    competence=competence,
                    exercised_by=None if index % 4 == 3 else owner,
                    since=date(2017, 1, 1),
                    counter=f"Siège de {territory.name}",
                    hours="du lundi au vendredi, 9 h à 12 h et 14 h à 17 h",
                    guidance=f"{competence.name} : adressez-vous au guichet indiqué.",
                )
            )
        for commune in communes[territory.pk]:
            for competence in rng.sample(competences, min(len(competences), OWN_ROWS_PER_COMMUNE)):
                rows.append(
                    Exercise(
                        territory=territory,
                        competence=competence,
                        commune=commune,
                        exercised_by=commune,
                        since=date(2022, 1, 1),
                        counter=f"Mairie de {commune.name}",
                        guidance="En mairie, aux heures d'ouverture.",
                    )
                )
        guides.append(TerritoryGuide(territory=territory, published=True))
    _add(counts, Exercise, rows)
    _add(counts, TerritoryGuide, guides)
