"""generate_dataset at a tiny scale: the two smallest EPCI of the official data."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, QuerySet
from django.test import RequestFactory

from accounts.models import Person
from benchmarks import bulk_insert
from benchmarks.dataset import DatasetError, generate, make_plan
from benchmarks.models import Dataset
from benchmarks.views import floor
from decisions.models import Decision, Proposal
from followup.models import Action, Implementation
from meetings.models import AgendaItem
from territories import officialdata
from territories.models import Organisation, Territory

pytestmark = pytest.mark.django_db


def _two_smallest() -> list[str]:
    data = officialdata.official_data()
    return sorted(data.epcis, key=lambda siren: (len(data.members(data.epcis[siren])), siren))[:2]


@pytest.fixture
def dataset() -> Dataset:
    return generate(scale=0.001, sirens=_two_smallest())


def test_counts_match_the_rows_written(dataset: Dataset) -> None:
    assert Territory.objects.count() == 2
    assert dataset.counts["accounts.Person"] == Person.objects.count() > 0
    assert dataset.counts["decisions.Decision"] == Decision.objects.count() > 0
    assert dataset.counts["meetings.AgendaItem"] == AgendaItem.objects.count()
    assert (
        dataset.counts["followup.Action"] == Action.objects.count() == 2 * Decision.objects.count()
    )
    assert dataset.counts.get("followup.Implementation", 0) == Implementation.objects.count()
    assert AgendaItem.objects.count() >= Decision.objects.count()
    assert set(dataset.landmarks) >= {"busiest_territory", "small_territory"}


def test_decisions_are_numbered_per_body_and_year_in_date_order(dataset: Dataset) -> None:
    numbers: dict[tuple[int, int], list[tuple[object, int]]] = defaultdict(list)
    for decision in Decision.objects.order_by("decided_on", "sequence"):
        numbers[(decision.body_id, decision.year)].append((decision.decided_on, decision.sequence))
        assert decision.search_text.startswith(decision.reference)
    for rows in numbers.values():
        assert [sequence for _day, sequence in rows] == list(range(1, len(rows) + 1))


def test_every_decision_comes_from_an_adopted_proposal_of_its_body(dataset: Dataset) -> None:
    assert not Decision.objects.filter(proposal__isnull=True).exists()
    assert not Decision.objects.exclude(proposal__phase=Proposal.Phase.ADOPTED).exists()
    for decision in Decision.objects.select_related("proposal", "item__meeting"):
        assert decision.proposal.body_id == decision.body_id  # type: ignore[union-attr]
        assert decision.item.meeting.body_id == decision.body_id  # type: ignore[union-attr]


def test_per_commune_rows_name_communes_of_the_decisions_territory() -> None:
    generate(scale=0.001, sirens=_two_smallest(), seed=3)
    for row in Implementation.objects.select_related("decision__body", "organisation"):
        assert row.organisation.kind == Organisation.Kind.COMMUNE
        assert row.organisation.territory_id == row.decision.body.territory_id
    # One row per commune and decision at most (the model's unique constraint holds).
    assert not (
        Implementation.objects.values("decision", "organisation")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .exists()
    )


def test_refuses_a_database_that_holds_data_and_changes_nothing(dataset: Dataset) -> None:
    before = (Person.objects.count(), Decision.objects.count(), Dataset.objects.count())
    with pytest.raises(DatasetError, match="La base contient déjà des données"):
        generate(scale=0.001, sirens=_two_smallest())
    with pytest.raises(CommandError, match="--force"):
        call_command("generate_dataset", "--scale", "0.001")
    assert (Person.objects.count(), Decision.objects.count(), Dataset.objects.count()) == before


@pytest.mark.parametrize(
    ("value", "message"),
    [("abc", "n'est pas une échelle"), ("0", "hors limites"), ("1.5", "hors limites")],
)
def test_command_explains_a_bad_scale_in_french(value: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("generate_dataset", "--scale", value)
    assert not Territory.objects.exists()


def test_the_sample_is_seeded_and_keeps_the_busiest_and_smallest_epci() -> None:
    plan = make_plan(0.02, 9)
    assert plan.sirens == make_plan(0.02, 9).sirens != make_plan(0.02, 10).sirens
    assert {plan.busiest, plan.smallest} <= set(plan.sirens)
    assert plan.members[plan.busiest] == max(plan.members.values())


def test_floor_view_answers_ok() -> None:
    response = floor(RequestFactory().get("/mesures/plancher/"))
    assert response.status_code == 200
    assert response.content == b"ok"


def test_generated_people_are_found_by_the_directory_search(dataset: Dataset) -> None:
    person = Person.objects.filter(email__endswith="@mesures.codir.test").first()
    assert person is not None
    assert person.search_text == person.folded_search_text() != ""


def test_the_apps_of_issues_11_and_12_get_their_data(dataset: Dataset) -> None:
    from competences.models import Competence, Exercise, Scenario, TerritoryGuide
    from networks.models import Actor, ActorLink
    from reflection.models import MirrorSession, Participation, Response

    territories = Territory.objects.count()
    assert Actor.objects.count() == 10 * territories
    assert ActorLink.objects.count() >= 2 * Actor.objects.count()
    for link in ActorLink.objects.select_related("actor", "person"):
        assert link.person.territory_memberships.filter(territory=link.actor.territory_id).exists()
    sessions = MirrorSession.objects.filter(status="closed")
    assert sessions.count() == 2 * territories
    assert Participation.objects.filter(session__in=sessions).count() >= 3 * sessions.count()
    assert Response.objects.filter(question__session__in=sessions).exists()
    assert Scenario.objects.count() > 0 and Competence.objects.count() > 0
    defaults = Exercise.objects.filter(commune__isnull=True).count()
    assert defaults == Competence.objects.count()
    communes = Organisation.objects.filter(kind=Organisation.Kind.COMMUNE).count()
    assert Exercise.objects.filter(commune__isnull=False).count() == 2 * communes
    assert TerritoryGuide.objects.filter(published=True).count() == territories
    assert dataset.counts["networks.Actor"] == Actor.objects.count()


def test_bench_key_pages_answer_on_the_generated_set(dataset: Dataset) -> None:
    """scripts/bench.py's pages, with those of issues 11 and 12, all answer 200 on the set
    (key_pages asserts it), the public guidance page without a session."""
    from scripts.bench import PUBLIC_GUIDE, key_pages

    pages, targets = key_pages(dataset.landmarks)
    names = {page.name: page for page in pages}
    assert {"carte des réseaux", "opération miroir close", "ruptures de parcours"} <= set(names)
    assert names[PUBLIC_GUIDE].anonymous
    assert "commune=" in names[PUBLIC_GUIDE].urls["big"]
    assert not any(page.anonymous for name, page in names.items() if name != PUBLIC_GUIDE)
    assert {target.key for target in targets} == {"small", "big"}


# Values drawn at random or from the clock, different at each generation whatever the path.
UNREPEATABLE = {"password", "agenda_version"}


def _rows_of(labels: list[str]) -> dict[str, list[str]]:
    """Each model's rows, without the values that change at each generation, sorted."""
    rows = {}
    for label in labels:
        model = apps.get_model(label)
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if field.name not in UNREPEATABLE
            and not (field.has_default() and callable(field.default))
            and not getattr(field, "auto_now", False)
            and not getattr(field, "auto_now_add", False)
        ]
        rows[label] = sorted(repr(row) for row in model._default_manager.values_list(*names))
    return rows


def _empty_with_sequences_restarted() -> None:
    """Both generations then number their rows from 1 (sequences ignore rollbacks)."""
    with connection.cursor() as cursor:  # TRUNCATE refuses pending deferred checks
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="COPY is PostgreSQL's; on SQLite the rows are written with bulk_create only",
)
def test_copy_writes_the_rows_bulk_create_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    _empty_with_sequences_restarted()
    copied = generate(scale=0.001, sirens=_two_smallest())
    labels = sorted(copied.counts)
    rows_copied = _rows_of(labels)
    _empty_with_sequences_restarted()
    monkeypatch.setattr(
        bulk_insert, "copy_rows", lambda model, rows: QuerySet(model).bulk_create(rows)
    )
    created = generate(scale=0.001, sirens=_two_smallest())
    assert (created.counts, created.landmarks) == (copied.counts, copied.landmarks)
    assert _rows_of(labels) == rows_copied
    assert Decision.objects.filter(search_vector__isnull=True).count() == 0
