"""The grid of a commune: pre-filled with what holds (the territory's defaults), saved in
one transaction, bad input kept with French messages; who may edit it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
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
    response = member_client.get(reverse("competences:commune", args=[world.commune.pk]))
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
    url = reverse("competences:commune", args=[world.commune.pk])
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
    url = reverse("competences:commune", args=[world.commune.pk])
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
    url = reverse("competences:commune", args=[world.commune.pk])
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
    url = reverse("competences:commune", args=[world.commune.pk])
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
    url = reverse("competences:defaults", args=[world.territory.pk])
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
    member = client_for(world.member)  # secrétaire de mairie of world.commune
    assert member.get(url).context["can_edit"]
    assert not member.get(other_url).context["can_edit"]  # reads, cannot write
    assert member.post(other_url, _post(world, [])).status_code == 403
    assert client_for(world.admin).get(other_url).context["can_edit"]
    assert client_for(world.outsider).get(url).status_code == 404
    # A past position gives no right.
    PositionFactory.create(person=world.guest, organisation=other, end_date=date(2020, 1, 1))
    assert client_for(world.guest).get(other_url).status_code == 404  # not a territory member
    assert (
        member.post(
            reverse("competences:defaults", args=[world.territory.pk]), _post(world, [])
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_the_grid_query_count_does_not_grow_with_rows(
    world: World, member_client: Client, django_assert_num_queries: Any
) -> None:
    url = reverse("competences:commune", args=[world.commune.pk])
    for _index in range(3):
        ExerciseFactory.create(competence__territory=world.territory, commune=world.commune)
    # session, user, commune, territory roles, the position check of the permission,
    # competences, rows (one query, history included), organisations, the codir and
    # its roles (who edits the scenarios), whether the public page is published: constant.
    with django_assert_num_queries(11):
        assert member_client.get(url).status_code == 200
    for _index in range(6):
        ExerciseFactory.create(competence__territory=world.territory, commune=world.commune)
    with django_assert_num_queries(11):
        assert member_client.get(url).status_code == 200
