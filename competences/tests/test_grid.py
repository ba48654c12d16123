"""The grid of a commune: it reads what holds (the territory's defaults), one row opens
its form in place (htmx) or on a page of its own; the whole grid as one form stays on a
page apart, pre-filled, saved in one transaction; bad input kept with French messages;
who may edit it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from competences.models import Competence, Exercise
from competences.tests.factories import CompetenceFactory, ExerciseFactory
from conftest import World, client_for
from territories.models import Organisation
from territories.tests.factories import PositionFactory


@pytest.fixture
def grid(world: World) -> tuple[Competence, Competence]:
    waste = CompetenceFactory.create(territory=world.territory, name="Déchets", order=1)
    permits = CompetenceFactory.create(territory=world.territory, name="Permis", order=2)
    ExerciseFactory.create(
        competence=waste,
        commune=None,
        exercised_by=world.epci,
        since=date(2017, 1, 1),
        phone="02 61 91 00 50",
    )
    return waste, permits


def _post(world: World, rows: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ligne-TOTAL_FORMS": str(len(rows)),
        "ligne-INITIAL_FORMS": str(len(rows)),
        "ligne-MIN_NUM_FORMS": "0",
        "ligne-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"ligne-{index}-{key}"] = value
    return data


def _unchanged_waste(world: World) -> dict[str, Any]:
    return {"exercised_by": world.epci.pk, "since": "2017-01-01", "phone": "02 61 91 00 50"}


@pytest.mark.django_db
def test_the_grid_is_prefilled_with_the_territorys_default(
    world: World, grid: Any, member_client: Client
) -> None:
    response = member_client.get(reverse("competences:commune_edit", args=[world.commune.pk]))
    assert response.status_code == 200
    form = response.context["formset"].forms[0]
    assert form.initial["exercised_by"] == world.epci.pk
    assert form.initial["phone"] == "02 61 91 00 50"
    assert 'value="2017-01-01"' in response.content.decode()  # the date input shows it
    assert "par défaut" in response.content.decode()


@pytest.mark.django_db
def test_the_secretary_saves_her_grid_in_one_go(
    world: World, grid: Any, member_client: Client
) -> None:
    url = reverse("competences:commune_edit", args=[world.commune.pk])
    rows = [
        _unchanged_waste(world),
        {
            "exercised_by": world.commune.pk,
            "since": "2015-07-01",
            "hours": "mardi et jeudi",
            "guidance": "Déposez le dossier en mairie.",
        },
    ]
    response = member_client.post(url, _post(world, rows))
    assert response.status_code == 302
    # The unchanged default wrote nothing; the permit row is the commune's own.
    own = Exercise.objects.get(commune=world.commune)
    assert own.competence == grid[1] and own.exercised_by == world.commune
    assert own.recorded_by == world.member and own.hours == "mardi et jeudi"
    assert Exercise.objects.filter(commune__isnull=True).count() == 1


@pytest.mark.django_db
def test_bad_input_saves_nothing_and_keeps_what_was_typed(
    world: World, grid: Any, member_client: Client
) -> None:
    url = reverse("competences:commune_edit", args=[world.commune.pk])
    rows = [
        {**_unchanged_waste(world), "since": "2018-01-01", "email": "pas-un-courriel"},
        {"exercised_by": world.commune.pk, "since": "2015-07-01", "hours": "lundi\tmardi"},
    ]
    response = member_client.post(url, _post(world, rows))
    assert response.status_code == 200
    page = response.content.decode()
    assert "rien n’a été enregistré" in page
    assert "Saisissez une adresse e-mail valide." in page or "adresse" in page
    assert "pas-un-courriel" in page  # kept
    assert "caractères de contrôle" in page
    assert not Exercise.objects.filter(commune=world.commune).exists()
    assert Exercise.objects.count() == 1


@pytest.mark.django_db
def test_a_changed_row_without_date_or_organisation_is_refused(
    world: World, grid: Any, member_client: Client
) -> None:
    url = reverse("competences:commune_edit", args=[world.commune.pk])
    rows = [
        {**_unchanged_waste(world), "since": "2016-01-01"},  # before the row in force
        {"exercised_by": "", "since": "", "phone": "02 00"},
    ]
    response = member_client.post(url, _post(world, rows))
    page = response.content.decode()
    assert response.status_code == 200
    assert "ne peut précéder" in page
    assert "Dites qui exerce cette compétence." in page
    assert "Indiquez depuis quand." in page
    assert Exercise.objects.count() == 1


@pytest.mark.django_db
def test_a_new_date_is_a_transfer_and_the_same_date_corrects(
    world: World, grid: Any, member_client: Client
) -> None:
    url = reverse("competences:commune_edit", args=[world.commune.pk])
    first = {"exercised_by": world.commune.pk, "since": "2015-07-01", "phone": "1"}
    member_client.post(url, _post(world, [_unchanged_waste(world), first]))
    corrected = {**first, "phone": "02 61 91 02 00"}
    member_client.post(url, _post(world, [_unchanged_waste(world), corrected]))
    assert Exercise.objects.filter(commune=world.commune).get().phone == "02 61 91 02 00"
    moved = {**corrected, "exercised_by": world.epci.pk, "since": "2026-01-01"}
    member_client.post(url, _post(world, [_unchanged_waste(world), moved]))
    rows = Exercise.objects.filter(commune=world.commune).order_by("since")
    assert [(row.exercised_by_id, row.since) for row in rows] == [
        (world.commune.pk, date(2015, 7, 1)),
        (world.epci.pk, date(2026, 1, 1)),
    ]


@pytest.mark.django_db
def test_the_admin_sets_the_default_for_every_commune(
    world: World, grid: Any, admin_client_: Client
) -> None:
    url = reverse("competences:defaults_edit", args=[world.territory.pk])
    rows = [_unchanged_waste(world), {"exercised_by": "-1", "since": "2015-07-01"}]
    assert admin_client_.post(url, _post(world, rows)).status_code == 302
    row = Exercise.objects.get(competence=grid[1])
    assert row.commune is None and row.exercised_by is None  # chaque commune, en mairie


@pytest.mark.django_db
def test_who_may_edit_a_communes_grid(world: World, grid: Any) -> None:
    url = reverse("competences:commune", args=[world.commune.pk])
    other = Organisation.objects.create(
        territory=world.territory, kind=Organisation.Kind.COMMUNE, name="Autre", insee_code="85999"
    )
    other_url = reverse("competences:commune", args=[other.pk])
    other_edit = reverse("competences:commune_edit", args=[other.pk])
    member = client_for(world.member)  # secrétaire de mairie of world.commune
    assert member.get(url).context["can_edit"]
    assert "Modifier" in member.get(url).content.decode()
    reads = member.get(other_url)
    assert not reads.context["can_edit"]  # reads, cannot write
    assert "Modifier" not in reads.content.decode()
    assert member.get(other_edit).status_code == 403
    assert member.post(other_edit, _post(world, [])).status_code == 403
    assert member.post(url, _post(world, [])).status_code == 405  # the grid only reads
    assert client_for(world.admin).get(other_url).context["can_edit"]
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.outsider).get(other_edit).status_code == 404
    # A past position gives no right.
    PositionFactory.create(person=world.guest, organisation=other, end_date=date(2020, 1, 1))
    assert client_for(world.guest).get(other_url).status_code == 404  # not a territory member
    assert (
        member.post(
            reverse("competences:defaults_edit", args=[world.territory.pk]), _post(world, [])
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_the_grid_reads_in_a_constant_number_of_queries(
    world: World, grid: Any, member_client: Client, django_assert_num_queries: Any
) -> None:
    url = reverse("competences:commune", args=[world.commune.pk])
    for _index in range(3):
        ExerciseFactory.create(competence__territory=world.territory, commune=world.commune)
    # session, user, commune, territory roles, the position check of the permission,
    # competences, rows (one query, history and organisations included), the codir and
    # its roles (who edits the scenarios), whether the public page is published; no list
    # of organisations: the grid only reads.
    with django_assert_num_queries(10):
        response = member_client.get(url)
    assert response.status_code == 200
    assert "exercised_by" not in response.content.decode()
    for _index in range(6):
        ExerciseFactory.create(competence__territory=world.territory, commune=world.commune)
    with django_assert_num_queries(10):
        assert member_client.get(url).status_code == 200


# --- One row at a time ---------------------------------------------------------------------


def _row_url(world: World, competence: Competence) -> str:
    return reverse("competences:commune_row", args=[world.commune.pk, competence.pk])


def _row(competence: Competence, **values: Any) -> dict[str, Any]:
    return {f"c{competence.pk}-{key}": value for key, value in values.items()}


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
def test_the_grid_reads_what_holds_with_a_named_button_per_row(
    world: World, grid: Any, member_client: Client
) -> None:
    _waste, permits = grid
    page = member_client.get(reverse("competences:commune", args=[world.commune.pk]))
    content = page.content.decode()
    assert "Exercée par CC du Pays Test depuis le 1er janvier 2017" in content
    assert "02 61 91 00 50" in content and "par défaut" in content
    assert f'href="{_row_url(world, permits)}"' in content  # the page without JavaScript
    assert 'Modifier<span class="visually-hidden"> : Permis</span>' in content


@pytest.mark.django_db
def test_a_row_opens_in_place_prefilled_and_focused(
    world: World, grid: Any, member_client: Client
) -> None:
    waste, _permits = grid
    response = member_client.get(_row_url(world, waste), **HTMX)  # type: ignore[arg-type]
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content  # the row's fragment only
    form = response.context["form"]
    assert form.initial["exercised_by"] == world.epci.pk
    assert form.initial["phone"] == "02 61 91 00 50"
    assert f'id="id_c{waste.pk}-exercised_by" autofocus' in content
    # Without JavaScript: the same form on a page of its own.
    page = member_client.get(_row_url(world, waste))
    assert "<html" in page.content.decode() and page.context["form"] is not None


@pytest.mark.django_db
def test_the_secretary_saves_one_row_in_one_transaction(
    world: World, grid: Any, member_client: Client
) -> None:
    _waste, permits = grid
    data = _row(
        permits,
        exercised_by=world.commune.pk,
        since="2015-07-01",
        hours="mardi et jeudi",
        guidance="Déposez le dossier en mairie.",
    )
    with CaptureQueriesContext(connection) as queries:
        response = member_client.post(_row_url(world, permits), data, **HTMX)  # type: ignore[arg-type]
    assert response.status_code == 200
    content = response.content.decode()
    assert "La ligne « Permis » est enregistrée." in content
    assert "Exercée par Saint-Essai depuis le 1er juillet 2015" in content
    assert "autofocus" in content  # the focus back on the row's "Modifier"
    own = Exercise.objects.get(commune=world.commune)
    assert own.competence == permits and own.recorded_by == world.member
    assert own.hours == "mardi et jeudi"
    # The write happens inside the service's transaction (a savepoint inside the test's).
    sql = [query["sql"].upper() for query in queries.captured_queries]
    insert = next(i for i, q in enumerate(sql) if q.startswith("INSERT") and "EXERCISE" in q)
    assert any(q.startswith("SAVEPOINT") for q in sql[:insert])
    assert any(q.startswith("RELEASE SAVEPOINT") for q in sql[insert:])


@pytest.mark.django_db
def test_without_javascript_a_saved_row_goes_back_to_the_grid(
    world: World, grid: Any, member_client: Client
) -> None:
    _waste, permits = grid
    data = _row(permits, exercised_by=world.commune.pk, since="2015-07-01")
    response = member_client.post(_row_url(world, permits), data)
    grid_url = reverse("competences:commune", args=[world.commune.pk])
    assert response.status_code == 302 and response["Location"] == f"{grid_url}#c{permits.pk}"
    assert "La ligne « Permis » est enregistrée." in member_client.get(grid_url).content.decode()


@pytest.mark.django_db
def test_a_row_left_as_it_was_writes_nothing(
    world: World, grid: Any, member_client: Client
) -> None:
    waste, _permits = grid
    data = _row(waste, exercised_by=world.epci.pk, since="2017-01-01", phone="02 61 91 00 50")
    response = member_client.post(_row_url(world, waste), data, **HTMX)  # type: ignore[arg-type]
    assert "Rien n’a changé" in response.content.decode()
    assert Exercise.objects.count() == 1


@pytest.mark.django_db
def test_a_bad_row_saves_nothing_and_keeps_what_was_typed(
    world: World, grid: Any, member_client: Client
) -> None:
    waste, permits = grid
    data = _row(waste, exercised_by=world.epci.pk, since="2016-01-01", email="pas-un-courriel")
    response = member_client.post(_row_url(world, waste), data, **HTMX)  # type: ignore[arg-type]
    assert response.status_code == 200
    content = response.content.decode()
    assert "rien n’a été enregistré" in content
    assert "pas-un-courriel" in content  # kept
    assert "ne peut précéder" in content
    assert 'role="alert" tabindex="-1" autofocus' in content  # the focus on the errors
    response = member_client.post(_row_url(world, permits), _row(permits, phone="02 00"))
    content = response.content.decode()
    assert "Dites qui exerce cette compétence." in content
    assert "Indiquez depuis quand." in content and 'value="02 00"' in content
    assert Exercise.objects.count() == 1


@pytest.mark.django_db
def test_who_may_edit_a_row(world: World, grid: Any) -> None:
    waste, _permits = grid
    url = _row_url(world, waste)
    data = _row(waste, exercised_by=world.commune.pk, since="2018-01-01")
    other = Organisation.objects.create(
        territory=world.territory, kind=Organisation.Kind.COMMUNE, name="Autre", insee_code="85999"
    )
    other_url = reverse("competences:commune_row", args=[other.pk, waste.pk])
    member = client_for(world.member)
    assert member.get(other_url).status_code == 403
    assert member.post(other_url, data).status_code == 403
    outsider = client_for(world.outsider)
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, data).status_code == 404
    # A competence of another territory is not found through this commune.
    foreign = CompetenceFactory.create(territory=world.other_territory)
    foreign_url = reverse("competences:commune_row", args=[world.commune.pk, foreign.pk])
    assert member.get(foreign_url).status_code == 404
    assert member.put(url).status_code == 405
    assert Exercise.objects.count() == 1


@pytest.mark.django_db
def test_the_admin_sets_one_default_row(world: World, grid: Any, admin_client_: Client) -> None:
    _waste, permits = grid
    url = reverse("competences:default_row", args=[world.territory.pk, permits.pk])
    data = _row(permits, exercised_by="-1", since="2015-07-01")
    assert admin_client_.post(url, data).status_code == 302
    row = Exercise.objects.get(competence=permits)
    assert row.commune is None and row.exercised_by is None  # chaque commune, en mairie
    assert client_for(world.member).post(url, data).status_code == 403
