"""The public guidance page: no login, only once published, nothing private; and its
one-page PDF per commune."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from competences import services
from competences.models import Competence, Exercise, TerritoryGuide
from conftest import World


@pytest.fixture
def published(world: World) -> World:
    services.reference_load(territory=world.territory)
    TerritoryGuide.objects.create(territory=world.territory, published=True)
    permits = Competence.objects.get(territory=world.territory, code="urbanisme-ads")
    Exercise.objects.create(
        territory=world.territory,
        competence=permits,
        commune=world.commune,
        exercised_by=world.commune,
        since="2015-07-01",
        hours="mardi et jeudi",
        phone="02 61 91 02 00",
        guidance="Déposez le dossier en mairie.",
        internal_note="NOTE-INTERNE-SECRETE",
    )
    world.commune.address = "1 place de la Mairie"
    world.commune.save()
    return world


def _guide(world: World, **params: Any) -> str:
    return reverse("competences:guide", args=[world.territory.siren])


@pytest.mark.django_db
def test_anyone_finds_who_answers_without_logging_in(published: World, client: Client) -> None:
    response = client.get(
        _guide(published), {"q": "Je construis une MAISON", "commune": str(published.commune.pk)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Urbanisme : permis de construire" in page
    assert "1 place de la Mairie" in page and "mardi et jeudi" in page
    assert "Déposez le dossier en mairie." in page
    # Nothing private: no internal note, no person, no member-only link, no script.
    assert "NOTE-INTERNE-SECRETE" not in page
    for person in (published.member, published.admin):
        assert person.last_name not in page and person.email not in page
    assert "<script" not in page
    assert "/competences/" not in page
    assert len(response.content) < 30_000


@pytest.mark.django_db
def test_the_scenario_shows_each_step_and_who_answers(published: World, client: Client) -> None:
    response = client.get(
        _guide(published), {"commune": str(published.commune.pk), "parcours": "construire"}
    )
    page = response.content.decode()
    assert "Déposer la demande de permis de construire" in page
    assert "Déposez le dossier en mairie." in page


@pytest.mark.django_db
def test_an_unpublished_territory_is_a_404(published: World, client: Client) -> None:
    TerritoryGuide.objects.filter(territory=published.territory).update(published=False)
    assert client.get(_guide(published)).status_code == 404
    pdf = reverse("competences:guide_pdf", args=[published.territory.siren, published.commune.pk])
    assert client.get(pdf).status_code == 404
    # Another territory, never published, and a commune of another territory.
    other = reverse("competences:guide", args=[published.other_territory.siren])
    assert client.get(other).status_code == 404
    TerritoryGuide.objects.filter(territory=published.territory).update(published=True)
    foreign = reverse(
        "competences:guide_pdf", args=[published.territory.siren, published.other_commune.pk]
    )
    assert client.get(foreign).status_code == 404


@pytest.mark.django_db
def test_the_public_page_query_count_is_constant(
    published: World, client: Client, django_assert_num_queries: Any
) -> None:
    params = {"q": "permis", "commune": str(published.commune.pk), "parcours": "construire"}
    # territory, communes, competences, rows, scenarios, their steps: constant.
    with django_assert_num_queries(6):
        client.get(_guide(published), params)
    services.reference_load(territory=published.other_territory)
    for competence in Competence.objects.filter(territory=published.territory)[:10]:
        Exercise.objects.create(
            territory=published.territory,
            competence=competence,
            exercised_by=published.epci,
            since="2020-01-01",
        )
    with django_assert_num_queries(6):
        client.get(_guide(published), params)


@pytest.mark.django_db
def test_the_counter_sheet_is_a_one_page_pdf(published: World, client: Client) -> None:
    # Every competence answered: the longest sheet still holds on one page.
    for competence in Competence.objects.filter(territory=published.territory):
        Exercise.objects.create(
            territory=published.territory,
            competence=competence,
            exercised_by=published.epci,
            since="2010-01-01",
            counter="2 rue Georges Clemenceau, 85150 Les Achards",
            hours="du lundi au vendredi, 9 h à 12 h 30 et 14 h à 17 h 30",
            phone="02 61 91 00 00",
            email="accueil@example.fr",
        )
    url = reverse("competences:guide_pdf", args=[published.territory.siren, published.commune.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Martinet" not in text and "Saint-Essai" in text
    assert "NOTE-INTERNE-SECRETE" not in text
