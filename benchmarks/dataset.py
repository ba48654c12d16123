"""The national data set of the benchmark: every EPCI of the official data (or a seeded
sample of them, always with the busiest and the smallest) with their real communes, and
invented people, bodies, meetings, items, proposals, decisions, actions and per-commune
rows, written in bulk (benchmarks.bulk_insert: bulk_create on SQLite, COPY on PostgreSQL;
no signal, no audit entry per row).

`scale` is the share of the 1,255 EPCI generated; each territory gets the density of the
national set (issue 9), so the busiest territory (158 communes, about 4,200 decisions and
a meeting of 1,000 items) is the same at every scale and its figures compare across runs.
At scale 1: about 62,000 people, 1.1 M agenda items, 530,000 decisions, 1.06 M actions and
756,000 per-commune rows.

Decisions are numbered as decisions.register.services.decision_record numbers them (per
body and year, from 1, in the order of their date) without its lock per row: nothing else
writes while the set is generated.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from functools import lru_cache
from typing import TypeVar

from auditlog.context import disable_auditlog
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from accounts.models import Person
from benchmarks.bulk_insert import insert_rows
from benchmarks.dataset_apps import generate_apps
from benchmarks.models import Dataset
from bodies.models import Body, BodyMembership
from core.text import fold
from decisions.models import Decision, Proposal
from followup.models import Action, Implementation, Status
from meetings.models import AgendaItem, Meeting
from territories import officialdata
from territories.importer import import_all, territory_import
from territories.models import Organisation, Position, Territory, TerritoryMember

Progress = Callable[[str, int, int], None]
M = TypeVar("M", bound=Model)

# National totals of issue 9, at scale 1.
NATIONAL_DECISIONS = 530_000
ITEMS_PER_DECISION = 1_100_000 / 530_000
ACTIONS_PER_DECISION = 2
NATIONAL_IMPLEMENTATIONS = 756_000
# Decisions go to a territory as (communes ** 1.4): the busiest (158 communes) gets about
# 4,200 of them, as measured in the issue.
DECISION_EXPONENT = 1.4
PEOPLE_BASE, PEOPLE_PER_COMMUNE = 9, 1.45  # about 62,000 people at scale 1
LARGEST_MEETING_ITEMS = 1000
ITEMS_PER_MEETING = 12
CHUNK = 25  # territories generated together
FIRST_YEAR = 2021

FIRST_NAMES = [
    "Camille",
    "Claire",
    "Julien",
    "Sophie",
    "Nicolas",
    "Isabelle",
    "Thomas",
    "Nathalie",
    "Pierre",
    "Marie",
    "Antoine",
    "Céline",
    "Laurent",
    "Sandrine",
    "Mathieu",
    "Aurélie",
    "Olivier",
    "Émilie",
    "François",
    "Hélène",
    "Sébastien",
    "Anne",
    "Guillaume",
    "Valérie",
    "Jérôme",
    "Élodie",
    "Vincent",
    "Christine",
    "Benoît",
    "Agnès",
    "Yannick",
    "Margaux",
    "Hugo",
    "Léa",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Le Gall",
    "Kerbrat",
    "Morvan",
    "Le Goff",
    "Quéré",
    "Tanguy",
]
SUBJECTS = [
    "la mutualisation du service des ressources humaines",
    "le plan de cybersécurité des communes",
    "la commande publique groupée de fournitures",
    "le schéma de mutualisation 2026-2032",
    "la formation des secrétaires de mairie",
    "le déploiement du logiciel de gestion financière",
    "la prévention des inondations (GEMAPI)",
    "l'entretien de la voirie intercommunale",
    "le règlement du service commun d'urbanisme",
    "la sensibilisation des agents à la cybersécurité",
    "le transfert de la compétence eau et assainissement",
    "la rénovation énergétique des écoles",
    "l'accueil des gens du voyage",
    "le plan climat-air-énergie territorial",
    "la restauration scolaire et les circuits courts",
    "l'archivage électronique mutualisé",
    "le programme local de l'habitat",
    "la sauvegarde des données des mairies",
]
VERBS = [
    "Adopter",
    "Lancer",
    "Valider",
    "Approuver",
    "Confier une étude sur",
    "Organiser",
    "Reporter",
    "Évaluer",
]
BODY_KINDS: list[tuple[str, Body.Kind, float]] = [
    # name, kind, share of the territory's decisions
    ("Codir de territoire", Body.Kind.STRATEGIC_CODIR, 0.40),
    ("Comité technique", Body.Kind.TECHNICAL_COMMITTEE, 0.15),
    ("Conférence des maires", Body.Kind.MAYORS_CONFERENCE, 0.15),
    ("Bureau communautaire", Body.Kind.COMMUNITY_BUREAU, 0.15),
    ("Groupe de travail numérique", Body.Kind.WORKING_GROUP, 0.05),
    ("Groupe de travail RH", Body.Kind.WORKING_GROUP, 0.05),
    ("Réseau des secrétaires de mairie", Body.Kind.PROFESSIONAL_NETWORK, 0.05),
]
CIRCLE = {
    Body.Kind.STRATEGIC_CODIR: Body.Circle.CODIR,
    Body.Kind.EXTERNAL: Body.Circle.EXTERNAL,
}


class DatasetError(Exception):
    """A bad argument or a database that is not empty (message in French)."""


@dataclass
class Plan:
    """The EPCI to generate and the density constants of the national set."""

    sirens: list[str]
    busiest: str
    smallest: str
    members: dict[str, int]  # SIREN -> number of communes
    weight_total: float
    implementation_share: float  # share of decisions with one row per commune


def make_plan(scale: float, seed: int, sirens: Sequence[str] | None = None) -> Plan:
    """The EPCI of the set: `sirens` when given (the tests' tiny sets), otherwise a seeded
    sample of the share `scale`, always with the busiest and the smallest EPCI."""
    data = officialdata.official_data()
    members = {siren: len(data.members(epci)) for siren, epci in data.epcis.items()}
    ordered = sorted(members)
    if sirens is None:
        busiest = max(ordered, key=lambda s: (members[s], s))
        smallest = min(ordered, key=lambda s: (members[s], s))
        count = max(2, min(len(ordered), round(len(ordered) * scale)))
        others = [s for s in ordered if s not in (busiest, smallest)]
        sirens = [busiest, smallest, *random.Random(seed).sample(others, count - 2)]
    unknown = [siren for siren in sirens if siren not in members]
    if unknown:
        raise DatasetError(f"SIREN absents des données officielles : {', '.join(unknown)}.")
    chosen = sorted(set(sirens))
    busiest = max(chosen, key=lambda s: (members[s], s))
    smallest = min(chosen, key=lambda s: (members[s], s))
    weight_total = sum(n**DECISION_EXPONENT for n in members.values())
    rows_if_all = sum(
        NATIONAL_DECISIONS * n**DECISION_EXPONENT / weight_total * n for n in members.values()
    )
    return Plan(
        sirens=chosen,
        busiest=busiest,
        smallest=smallest,
        members=members,
        weight_total=weight_total,
        implementation_share=NATIONAL_IMPLEMENTATIONS / rows_if_all,
    )


@dataclass
class _Buffer:
    """Rows waiting to be written in bulk, by model, flushed in order."""

    rows: dict[type[Model], list[Model]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, row: M) -> M:
        self.rows.setdefault(type(row), []).append(row)
        return row

    def flush(self, *models: type[Model]) -> None:
        for model in models:
            rows = self.rows.pop(model, [])
            if rows:
                insert_rows(model, rows)
                label = model._meta.label
                self.counts[label] = self.counts.get(label, 0) + len(rows)


def database_is_empty() -> bool:
    return not (Territory.objects.exists() or Person.objects.exists())


def refresh_statistics() -> None:
    """PostgreSQL's planner statistics, after millions of rows written at once (or columns
    added by a migration): without them it scans whole tables for one body's rows
    (measured: the follow-up board of a small territory, 414 ms before, 16 ms after)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def generate(
    *,
    scale: float,
    seed: int = 9,
    force: bool = False,
    sirens: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> Dataset:
    """Generate the data set; raises DatasetError when the database holds data and `force`
    is off (with `force`, the caller has emptied it). `sirens` replaces the sample (tests)."""
    if not 0 < scale <= 1:
        raise DatasetError("L'échelle doit être comprise entre 0 (exclu) et 1.")
    if not force and not database_is_empty():
        raise DatasetError(
            "La base contient déjà des données : la génération ajoute des lignes en masse "
            "et ne s'exécute que sur une base vide. Relancez avec --force pour la vider "
            "d'abord."
        )
    started = time.perf_counter()
    plan = make_plan(scale, seed, sirens)
    report = progress or (lambda _step, _done, _total: None)
    with disable_auditlog():
        _import_territories(plan, report)
        territories = list(Territory.objects.filter(siren__in=plan.sirens).order_by("siren"))
        generator = _Generator(plan, seed)
        for territory in territories:
            if territory.siren == plan.busiest:
                generator.landmarks["busiest_territory"] = territory.pk
            if territory.siren == plan.smallest:
                generator.landmarks["small_territory"] = territory.pk
        for first in range(0, len(territories), CHUNK):
            with transaction.atomic():
                generator.chunk(territories[first : first + CHUNK])
            report("données", min(first + CHUNK, len(territories)), len(territories))
        refresh_statistics()
        return Dataset.objects.create(
            scale=scale,
            seed=seed,
            seconds=round(time.perf_counter() - started, 1),
            counts=generator.buffer.counts,
            landmarks=generator.landmarks,
        )


def _import_territories(plan: Plan, report: Progress) -> None:
    if len(plan.sirens) == len(plan.members):
        import_all(progress=lambda done, total: report("territoires", done, total))
        return
    for done, siren in enumerate(plan.sirens, start=1):
        territory_import(siren=siren)
        report("territoires", done, len(plan.sirens))


class _Generator:
    def __init__(self, plan: Plan, seed: int) -> None:
        self.plan = plan
        self.rng = random.Random(seed)
        self.buffer = _Buffer()
        self.password = make_password(None)  # unusable, hashed once
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.landmarks: dict[str, int] = {}
        self.person_number = 0

    # One chunk of territories, model after model so that each is one bulk insert.
    def chunk(self, territories: Sequence[Territory]) -> None:
        communes: dict[int, list[Organisation]] = {t.pk: [] for t in territories}
        epci_org: dict[int, Organisation] = {}
        for org in Organisation.objects.filter(
            territory__in=territories, ended_on__isnull=True
        ).order_by("pk"):
            if org.kind == Organisation.Kind.COMMUNE:
                communes[org.territory_id].append(org)
            elif org.kind == Organisation.Kind.EPCI:
                epci_org[org.territory_id] = org
        people = {t.pk: self._people(t, communes[t.pk], epci_org.get(t.pk)) for t in territories}
        self.buffer.flush(Person)
        for territory in territories:
            self._positions(territory, people[territory.pk])
        self.buffer.flush(Position, TerritoryMember)
        bodies = {t.pk: self._bodies(t) for t in territories}
        self.buffer.flush(Body)
        for territory in territories:
            self._memberships(bodies[territory.pk], people[territory.pk])
        self.buffer.flush(BodyMembership)
        plans = {t.pk: self._meetings(t, bodies[t.pk], people[t.pk]) for t in territories}
        self.buffer.flush(Meeting)
        for territory in territories:
            self._items(plans[territory.pk], people[territory.pk])
        self.buffer.flush(AgendaItem)
        for territory in territories:
            self._proposals(plans[territory.pk], people[territory.pk])
        self.buffer.flush(Proposal)
        for territory in territories:
            self._decisions(plans[territory.pk])
        self.buffer.flush(Decision)
        for territory in territories:
            self._followup(plans[territory.pk], people[territory.pk], communes[territory.pk])
            self.buffer.flush(Action, Implementation)
        generate_apps(
            territories,
            people={t.pk: [p for p, *_ in people[t.pk]] for t in territories},
            codirs={t.pk: bodies[t.pk][0][0] for t in territories},
            codir_members={
                t.pk: [p for p, _o, f in people[t.pk] if f in Position.LEADING_FUNCTIONS]
                for t in territories
            },
            communes=communes,
            epci={t.pk: epci_org.get(t.pk) for t in territories},
            rng=self.rng,
            today=self.today,
            counts=self.buffer.counts,
        )

    def _people(
        self, territory: Territory, communes: list[Organisation], epci: Organisation | None
    ) -> list[tuple[Person, Organisation | None, str]]:
        """(person, organisation, function): the EPCI's staff, then one person per commune
        (its secretary or DGS) and, for some, an elected member."""
        count = PEOPLE_BASE + round(PEOPLE_PER_COMMUNE * len(communes))
        rows: list[tuple[Person, Organisation | None, str]] = []
        F = Position.Function
        staff = [F.DGS, F.DGA, F.DGA, F.HEAD_OF_DEPARTMENT, F.HEAD_OF_DEPARTMENT, F.ASSISTANT]
        for index in range(count):
            if index < len(staff):
                org, function = epci, staff[index]
            elif index - len(staff) < len(communes):
                commune = communes[index - len(staff)]
                leading = F.DGS if (commune.population or 0) >= 2000 else F.SECRETARY
                org, function = commune, leading
            else:
                org = self.rng.choice(communes) if communes else epci
                function = self.rng.choice([F.ELECTED, F.ELECTED, F.EXPERT, F.OTHER])
            rows.append((self._person(), org, function))
        return rows

    def _person(self) -> Person:
        self.person_number += 1
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        ascii_name = fold(f"{first}.{last}").replace(" ", "-")
        person = Person(
            email=f"{ascii_name}.{self.person_number}@mesures.codir.test",
            first_name=first,
            last_name=last,
            password=self.password,
            presentation=f"{first} {last} travaille sur {self.rng.choice(SUBJECTS)}.",
        )
        # Bulk writes skip save(): the directory's folded column is filled here.
        person.search_text = person.folded_search_text()
        return self.buffer.add(person)

    def _positions(
        self, territory: Territory, people: list[tuple[Person, Organisation | None, str]]
    ) -> None:
        for index, (person, org, function) in enumerate(people):
            if org is not None:
                self.buffer.add(
                    Position(
                        person=person,
                        organisation=org,
                        function=function,
                        start_date=date(2020, 9, 1),
                    )
                )
            role = TerritoryMember.Role.ADMIN if index == 0 else TerritoryMember.Role.MEMBER
            self.buffer.add(
                TerritoryMember(
                    territory=territory, person=person, role=role, since=date(2020, 9, 1)
                )
            )

    def _bodies(self, territory: Territory) -> list[tuple[Body, float]]:
        bodies = []
        for name, kind, share in BODY_KINDS:
            body = Body(
                territory=territory,
                name=name,
                kind=kind,
                stratum=Body.DEFAULT_STRATUM[kind],
                circle=CIRCLE.get(kind, Body.Circle.BLOC_LOCAL),
                description=f"{name} de {territory.name}.",
                created_on=date(2020, 9, 1),
            )
            bodies.append((self.buffer.add(body), share))
        return bodies

    def _memberships(
        self,
        bodies: list[tuple[Body, float]],
        people: list[tuple[Person, Organisation | None, str]],
    ) -> None:
        """The EPCI's DGS facilitates every body; the codir seats every leading person."""
        R = BodyMembership.Role
        leading = [p for p, _org, function in people if function in Position.LEADING_FUNCTIONS]
        for body, _share in bodies:
            if body.kind == Body.Kind.STRATEGIC_CODIR:
                seated = leading
            else:
                seated = [
                    people[0][0],
                    *self.rng.sample([p for p, *_ in people], min(10, len(people))),
                ]
            for index, person in enumerate(dict.fromkeys(seated)):
                role = R.FACILITATOR if index == 0 else R.SECRETARY if index == 1 else R.MEMBER
                self.buffer.add(
                    BodyMembership(body=body, person=person, role=role, start_date=date(2020, 9, 1))
                )

    def _meetings(
        self,
        territory: Territory,
        bodies: list[tuple[Body, float]],
        people: list[tuple[Person, Organisation | None, str]],
    ) -> list[_MeetingPlan]:
        """Meetings of each body, spread from 2021 to next month, each with its number of
        items and of decisions; the busiest territory's codir gets one of 1,000 items."""
        n = self.plan.members[territory.siren]
        decisions = round(NATIONAL_DECISIONS * n**DECISION_EXPONENT / self.plan.weight_total)
        plans: list[_MeetingPlan] = []
        span = (self.today + timedelta(days=45) - date(FIRST_YEAR, 1, 15)).days
        facilitator = people[0][0]
        for body, share in bodies:
            body_decisions = max(1, round(decisions * share))
            items = max(2, round(body_decisions * ITEMS_PER_DECISION))
            meetings = max(1, round(items / ITEMS_PER_MEETING))
            big = territory.siren == self.plan.busiest and body.kind == Body.Kind.STRATEGIC_CODIR
            per_meeting_items = _spread(items - (LARGEST_MEETING_ITEMS if big else 0), meetings)
            per_meeting_decisions = _spread(body_decisions, meetings)
            for index in range(meetings):
                day = date(FIRST_YEAR, 1, 15) + timedelta(days=span * (index + 1) // (meetings + 1))
                starts = timezone.make_aware(datetime.combine(day, dtime(9, 30)))
                past = day < self.today
                meeting = Meeting(
                    body=body,
                    title=f"{body.name} du {day:%d/%m/%Y}",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=3),
                    place="Salle du conseil",
                    facilitator=facilitator,
                    status=Meeting.Status.HELD if past else Meeting.Status.CONVENED,
                    convened_at=starts - timedelta(days=10),
                    created_at=starts - timedelta(days=30),
                )
                item_count = per_meeting_items[index]
                decision_count = min(per_meeting_decisions[index], max(item_count, 1))
                if big and index == meetings // 2:
                    item_count += LARGEST_MEETING_ITEMS
                    meeting.title = f"Séminaire annuel de {body.name}"
                plans.append(
                    _MeetingPlan(
                        body=body,
                        meeting=self.buffer.add(meeting),
                        items=max(item_count, decision_count),
                        decisions=decision_count if past else 0,
                        open_proposals=1 if not past else 0,
                        largest=big and index == meetings // 2,
                    )
                )
        return plans

    def _items(
        self, plans: list[_MeetingPlan], people: list[tuple[Person, Organisation | None, str]]
    ) -> None:
        persons = [p for p, *_ in people]
        K = AgendaItem.Kind
        for plan in plans:
            if plan.largest:
                self.landmarks["largest_meeting"] = plan.meeting.pk
            for position in range(plan.items):
                deciding = position < plan.decisions
                item = AgendaItem(
                    meeting=plan.meeting,
                    title=self._title()[:200],
                    kind=K.DECISION
                    if deciding
                    else self.rng.choice([K.INFORMATION, K.WORK, K.CONSULTATION]),
                    description="Point préparé par le secrétariat du codir.",
                    presenter=self.rng.choice(persons),
                    proposed_by=self.rng.choice(persons),
                    proposed_at=plan.meeting.created_at,
                    status=AgendaItem.Status.ACCEPTED,
                    position=position + 1,
                    outcome=AgendaItem.Outcome.NONE,
                )
                plan.item_rows.append(self.buffer.add(item))

    def _title(self) -> str:
        return f"{self.rng.choice(VERBS)} {self.rng.choice(SUBJECTS)}"

    def _proposals(
        self, plans: list[_MeetingPlan], people: list[tuple[Person, Organisation | None, str]]
    ) -> None:
        persons = [p for p, *_ in people]
        for plan in plans:
            for index in range(plan.decisions + plan.open_proposals):
                adopted = index < plan.decisions
                item = plan.item_rows[index] if index < len(plan.item_rows) else None
                title = item.title if item is not None else self._title()
                proposal = Proposal(
                    body=plan.body,
                    item=item,
                    title=title,
                    text=f"{title}, selon les modalités présentées en séance. " * 3,
                    context="Demande portée par plusieurs communes du territoire.",
                    proposer=self.rng.choice(persons),
                    process=Proposal._meta.get_field("process").default,
                    mode=Proposal.Mode.LIVE if adopted else Proposal.Mode.ASYNC,
                    phase=Proposal.Phase.ADOPTED if adopted else Proposal.Phase.OBJECTIONS,
                    deadline=None if adopted else plan.meeting.starts_at,
                    created_at=plan.meeting.created_at,
                    opened_at=plan.meeting.created_at,
                    closed_at=plan.meeting.starts_at if adopted else None,
                )
                self.buffer.add(proposal)
                if adopted:
                    plan.proposals.append(proposal)

    def _decisions(self, plans: list[_MeetingPlan]) -> None:
        """Numbered per body and year in the order of their meetings (plans are in date
        order per body), as decision_record numbers them."""
        last: dict[tuple[int, int], int] = {}
        for plan in plans:
            decided_on = timezone.localdate(plan.meeting.starts_at)
            for proposal in plan.proposals:
                key = (plan.body.pk, decided_on.year)
                last[key] = last.get(key, 0) + 1
                decision = Decision(
                    body=plan.body,
                    year=decided_on.year,
                    sequence=last[key],
                    kind=Decision.Kind.DECISION,
                    process=proposal.process,
                    title=proposal.title,
                    text=proposal.text,
                    decided_on=decided_on,
                    proposal=proposal,
                    meeting=plan.meeting,
                    item=proposal.item,
                    recorded_by=plan.meeting.facilitator,
                    recorded_at=plan.meeting.ends_at,
                )
                # As search_text_of writes it; fold goes character by character, so the
                # folds of the few distinct titles and texts are computed once.
                decision.search_text = "\n".join(
                    [decision.reference, _fold(decision.title), _fold(decision.text)]
                )
                plan.decision_rows.append(self.buffer.add(decision))

    def _followup(
        self,
        plans: list[_MeetingPlan],
        people: list[tuple[Person, Organisation | None, str]],
        communes: list[Organisation],
    ) -> None:
        persons = [p for p, *_ in people]
        statuses = [Status.TODO, Status.IN_PROGRESS, Status.DONE, Status.DONE, Status.BLOCKED]
        for plan in plans:
            for decision in plan.decision_rows:
                for number in range(ACTIONS_PER_DECISION):
                    status = self.rng.choice(statuses)
                    due = decision.decided_on + timedelta(days=30 * (number + 1))
                    self.buffer.add(
                        Action(
                            body=plan.body,
                            decision=decision,
                            title=f"Mettre en œuvre : {decision.title}"[:200],
                            owner=self.rng.choice(persons),
                            organisation=self.rng.choice(communes) if communes else None,
                            due_on=due,
                            status=status,
                            created_by=plan.meeting.facilitator,
                            created_at=plan.meeting.ends_at,
                            updated_at=plan.meeting.ends_at,
                            done_on=due if status == Status.DONE else None,
                        )
                    )
                if self.rng.random() < self.plan.implementation_share:
                    for commune in communes:
                        status = self.rng.choice(statuses)
                        self.buffer.add(
                            Implementation(
                                decision=decision,
                                organisation=commune,
                                status=status,
                                due_on=decision.decided_on + timedelta(days=90),
                                done_on=decision.decided_on + timedelta(days=60)
                                if status == Status.DONE
                                else None,
                                updated_at=plan.meeting.ends_at,
                            )
                        )


@dataclass
class _MeetingPlan:
    body: Body
    meeting: Meeting
    items: int
    decisions: int
    open_proposals: int
    largest: bool
    item_rows: list[AgendaItem] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    decision_rows: list[Decision] = field(default_factory=list)


_fold = lru_cache(maxsize=4096)(fold)


def _spread(total: int, parts: int) -> list[int]:
    """`total` split into `parts` near-equal integers."""
    base, extra = divmod(max(total, 0), parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]
