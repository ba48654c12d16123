"""Reads of who answers what, shared by the members' pages, the public page and its PDF.

What holds for a commune at a date: of the commune's own rows and the territory's default
rows for a competence, the one with the latest date on or before that date (the
commune's own on a tie). A transfer is a new row; the older rows stay as history.
Every function reads all the rows it needs in one query, whatever the number of
communes and competences.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from access.permissions import MANAGE_TERRITORY, PLAN_MEETINGS, allowed
from access.scopes import organisations_for
from accounts.models import Person
from bodies.selectors import first_codir
from competences.models import (
    Competence,
    Exercise,
    Scenario,
    SharedService,
    SharedServiceDocument,
    TerritoryGuide,
)
from core.french import a_name
from meetings.models import Meeting
from territories.models import Organisation, Territory

COMMUNE_KINDS = (Organisation.Kind.COMMUNE,)
Key = tuple[int | None, int]  # (commune id or None for the default, competence id)


@dataclass
class Answer:
    """What holds for one competence in one commune, and the rows before it."""

    competence: Competence
    row: Exercise | None
    commune: Organisation | None = None
    inherited: bool = False  # the territory's default, not the commune's own row
    history: list[Exercise] = field(default_factory=list)

    @property
    def organisation(self) -> Organisation | None:
        """Who answers: the row's organisation, or the commune itself where the default
        says "chaque commune"."""
        if self.row is None:
            return None
        return self.row.exercised_by or self.commune

    @property
    def contact_line(self) -> str:
        """Where, when and how on one line (the counter sheet): the parts that are known."""
        if self.row is None:
            return ""
        parts = (self.counter, self.row.hours, self.row.phone, self.row.email)
        return " · ".join(part for part in parts if part)

    @property
    def counter(self) -> str:
        if self.row is None:
            return ""
        organisation = self.organisation
        return self.row.counter or (organisation.address if organisation is not None else "")


def guide_of(territory: Territory) -> TerritoryGuide:
    guide, _created = TerritoryGuide.objects.get_or_create(territory=territory)
    return guide


def competences_of(territory: Territory) -> list[Competence]:
    return list(Competence.objects.filter(territory=territory))


def communes_of(territory: Territory) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        territory=territory, kind__in=COMMUNE_KINDS, ended_on__isnull=True
    ).order_by("name")


def _rows(territory: Territory, communes: list[int] | None) -> list[Exercise]:
    rows = Exercise.objects.filter(territory=territory).select_related("exercised_by")
    if communes is not None:
        rows = rows.filter(Q(commune__isnull=True) | Q(commune__in=communes))
    # The default (no commune) before the commune's own row of the same date, on every
    # database (PostgreSQL puts nulls last unless told).
    return list(rows.order_by("since", F("commune_id").asc(nulls_first=True), "pk"))


def answers_for(
    territory: Territory,
    commune: Organisation | None,
    competences: list[Competence],
    on: date | None = None,
) -> list[Answer]:
    """One answer per competence for the commune (for the territory's defaults when the
    commune is None), at the date (today by default): one query."""
    on = on or timezone.localdate()
    rows = _rows(territory, [commune.pk] if commune is not None else [])
    return _answers(rows, commune, competences, on)


def _answers(
    rows: list[Exercise], commune: Organisation | None, competences: list[Competence], on: date
) -> list[Answer]:
    commune_id = commune.pk if commune is not None else None
    by_competence: dict[int, list[Exercise]] = defaultdict(list)
    for row in rows:
        if row.commune_id is None or row.commune_id == commune_id:
            by_competence[row.competence_id].append(row)
    answers = []
    for competence in competences:
        history = by_competence.get(competence.pk, [])
        if commune_id is None:
            history = [row for row in history if row.commune_id is None]
        current = [row for row in history if row.since <= on]
        held = current[-1] if current else None
        answers.append(
            Answer(
                competence,
                held,
                commune,
                inherited=held is not None and commune_id is not None and held.commune_id is None,
                history=list(reversed(history)),
            )
        )
    return answers


def own_row_counts(territory: Territory) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for commune_id in Exercise.objects.filter(
        territory=territory, commune__isnull=False
    ).values_list("commune_id", flat=True):
        counts[commune_id] += 1
    return counts


# --- Loaders ----------------------------------------------------------------------------


def get_commune_for_user(user: Person, pk: int) -> Organisation:
    return get_object_or_404(
        organisations_for(user).filter(kind__in=COMMUNE_KINDS).select_related("territory"), pk=pk
    )


def get_competence_for_user(user: Person, pk: int) -> Competence:
    return get_object_or_404(
        Competence.objects.filter(
            territory__in=organisations_for(user).values("territory")
        ).select_related("territory"),
        pk=pk,
    )


def get_shared_service_for_user(user: Person, pk: int) -> SharedService:
    return get_object_or_404(
        SharedService.objects.filter(
            territory__in=organisations_for(user).values("territory")
        ).select_related("territory", "organisation"),
        pk=pk,
    )


def get_shared_document_for_user(user: Person, pk: int) -> SharedServiceDocument:
    return get_object_or_404(
        SharedServiceDocument.objects.filter(
            shared_service__territory__in=organisations_for(user).values("territory")
        ).select_related("shared_service__territory"),
        pk=pk,
    )


def get_scenario_for_user(user: Person, pk: int) -> Scenario:
    return get_object_or_404(
        Scenario.objects.filter(
            territory__in=organisations_for(user).values("territory")
        ).select_related("territory"),
        pk=pk,
    )


def get_published_territory(siren: str) -> Territory:
    """The public page's territory: 404 unless its administrator published the page."""
    return get_object_or_404(Territory, siren=siren, guide__published=True)


def get_public_commune(territory: Territory, pk: int) -> Organisation:
    return get_object_or_404(communes_of(territory), pk=pk)


# --- Scenarios and ruptures --------------------------------------------------------------


def scenarios_of(territory: Territory) -> list[Scenario]:
    return list(Scenario.objects.filter(territory=territory).prefetch_related("steps"))


@dataclass
class StepAnswer:
    title: str
    answer: Answer | None


def scenario_answers(scenario: Scenario, answers: dict[int, Answer]) -> list[StepAnswer]:
    return [
        StepAnswer(step.title, answers.get(step.competence_id)) for step in scenario.steps.all()
    ]


# A scenario that sends the user to more organisations than this is a rupture de parcours.
RUPTURE_THRESHOLD = 2


@dataclass
class Rupture:
    scenario: Scenario
    commune: Organisation
    organisations: list[Organisation]
    proposal_url: str = ""


Held = tuple[date, int | None]  # (since, exercised_by id; None: the commune itself)


def ruptures(territory: Territory) -> list[Rupture]:
    """The scenarios that send a commune's users to more than two organisations.

    Five queries whatever the size: the communes, the scenarios and their steps, the rows
    of the steps' competences that hold by today (as tuples, not objects) and the
    organisations of the ruptures found. A commune without a row of its own on a
    scenario's competences gets the territory's defaults, worked out once per scenario;
    only the communes with rows of their own are worked out step by step."""
    on = timezone.localdate()
    communes = list(communes_of(territory))
    scenarios = scenarios_of(territory)
    steps = {
        scenario.pk: list(dict.fromkeys(step.competence_id for step in scenario.steps.all()))
        for scenario in scenarios
    }
    defaults, own = _rows_in_force(territory, {k for ks in steps.values() for k in ks}, on)
    found: list[tuple[Scenario, Organisation, list[int]]] = []
    for scenario in scenarios:
        competences = steps[scenario.pk]
        # Who the defaults send the user to (None: "chaque commune", the commune itself).
        by_default: list[Held | None] = [defaults.get(k) for k in competences]
        fixed = {held[1] for held in by_default if held is not None and held[1] is not None}
        itself = any(held is not None and held[1] is None for held in by_default)
        for commune in communes:
            mine = own.get(commune.pk)
            if mine is None or mine.keys().isdisjoint(competences):
                count = len(fixed) + (itself and commune.pk not in fixed)
                if count <= RUPTURE_THRESHOLD:
                    continue
                held = by_default
            else:
                held = [_held(defaults.get(k), mine.get(k)) for k in competences]
            organisations = list(
                dict.fromkeys(
                    commune.pk if exercised_by is None else exercised_by
                    for _since, exercised_by in filter(None, held)
                )
            )
            if len(organisations) > RUPTURE_THRESHOLD:
                found.append((scenario, commune, organisations))
    named = _organisations(communes, {pk for _s, _c, pks in found for pk in pks})
    return [Rupture(s, c, [named[pk] for pk in pks]) for s, c, pks in found]


def _rows_in_force(
    territory: Territory, competences: set[int], on: date
) -> tuple[dict[int, Held], dict[int, dict[int, Held]]]:
    """The latest default row per competence and the latest own row per commune and
    competence, on or before the date: one query of tuples."""
    defaults: dict[int, Held] = {}
    own: dict[int, dict[int, Held]] = defaultdict(dict)
    rows = (
        Exercise.objects.filter(territory=territory, competence__in=competences, since__lte=on)
        .order_by("since", "pk")
        .values_list("commune_id", "competence_id", "since", "exercised_by_id")
    )
    for commune_id, competence_id, since, exercised_by_id in rows:
        if commune_id is None:
            defaults[competence_id] = (since, exercised_by_id)
        else:
            own[commune_id][competence_id] = (since, exercised_by_id)
    return defaults, own


def _held(default: Held | None, own: Held | None) -> Held | None:
    """What holds of a default and a commune's own row: the later, the own one on a tie
    (as _answers decides)."""
    if own is None or (default is not None and default[0] > own[0]):
        return default
    return own


def _organisations(communes: list[Organisation], pks: set[int]) -> dict[int, Organisation]:
    named: dict[int, Organisation] = {c.pk: c for c in communes if c.pk in pks}
    missing = pks - named.keys()
    if missing:
        named.update(Organisation.objects.in_bulk(missing))
    return named


def next_open_meeting(territory: Territory) -> Meeting | None:
    """The codir's next meeting whose agenda is open to proposals."""
    codir = first_codir(territory)
    if codir is None:
        return None
    return (
        Meeting.objects.filter(
            body=codir,
            status__in=(Meeting.Status.PLANNED, Meeting.Status.AGENDA_OPEN),
            starts_at__gte=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )


def proposal_url(meeting: Meeting, rupture: Rupture) -> str:
    """The agenda-item proposal page of the meeting, pre-filled (titre, texte)."""
    title = _("Rupture de parcours : « %(scenario)s » %(where)s") % {
        "scenario": rupture.scenario.title,
        "where": a_name(rupture.commune.name),
    }
    text = _("Ce parcours envoie l'usager vers %(count)s organisations : %(names)s.") % {
        "count": len(rupture.organisations),
        "names": ", ".join(str(organisation) for organisation in rupture.organisations),
    }
    query = urlencode({"titre": title, "texte": text})
    return f"{reverse('meetings:item_propose', args=[meeting.pk])}?{query}"


@dataclass
class Rights:
    manage: bool  # the territory's administrators: defaults, list, mutualisation, publication
    scenarios: bool  # the codir edits its scenarios: the administrators and its facilitator


def rights(user: Person, territory: Territory) -> Rights:
    manage = allowed(user, MANAGE_TERRITORY, territory)
    codir = first_codir(territory) if not manage else None
    return Rights(manage, manage or (codir is not None and allowed(user, PLAN_MEETINGS, codir)))
