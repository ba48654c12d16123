"""The demo: the grid filled for the communes with a service commun, the pacte and the
public page published, answering "je construis une maison" for Martinet; loading twice
changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from competences.demo import ADS, demo_competences
from competences.models import Exercise, SharedService, TerritoryGuide
from conftest import World
from territories.models import Organisation
from territories.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_demo_answers_for_martinet_and_loads_once(world: World, client: Client) -> None:
    martinet = OrganisationFactory.create(territory=world.territory, name="Martinet")
    OrganisationFactory.create(territory=world.territory, name="Les Achards")
    Organisation.objects.create(
        territory=world.territory,
        kind=Organisation.Kind.SHARED_SERVICE,
        name=ADS,
        parent=world.epci,
    )
    demo_competences(world.territory)
    counts = (Exercise.objects.count(), SharedService.objects.count(), Organisation.objects.count())
    demo_competences(world.territory)
    assert counts == (
        Exercise.objects.count(),
        SharedService.objects.count(),
        Organisation.objects.count(),
    )
    service = SharedService.objects.get()
    assert service.communes.filter(pk=martinet.pk).exists() and service.documents.count() == 1
    guide = TerritoryGuide.objects.get(territory=world.territory)
    assert guide.published and "L5211-11-2" in guide.pact_text
    response = client.get(
        reverse("competences:guide", args=[world.territory.siren]),
        {"q": "je construis une maison", "commune": str(martinet.pk)},
    )
    page = response.content.decode()
    assert "Urbanisme : permis de construire" in page
    assert "mardi, jeudi et vendredi" in page and "service commun ADS" in page
