"""What holds for a commune at a date: transfers are dated rows, the latest wins, the
commune's own row wins a tie with the territory's default."""

from __future__ import annotations

import io
from datetime import date

import pytest

from competences import selectors, services
from competences.models import Competence, Scenario
from competences.reference import reference_competences, reference_scenarios
from competences.tests.factories import CompetenceFactory, ExerciseFactory
from conftest import World


@pytest.mark.django_db
def test_a_transfer_is_history_and_the_date_says_what_holds(world: World) -> None:
    sanitation = CompetenceFactory.create(territory=world.territory, name="Assainissement")
    ExerciseFactory.create(
        competence=sanitation, commune=None, exercised_by=None, since=date(2000, 1, 1)
    )
    ExerciseFactory.create(
        competence=sanitation, commune=None, exercised_by=world.epci, since=date(2020, 1, 1)
    )

    def holder(on: date) -> object:
        (answer,) = selectors.answers_for(world.territory, world.commune, [sanitation], on)
        return answer.organisation

    assert holder(date(1999, 12, 31)) is None  # nothing recorded yet
    assert holder(date(2019, 12, 31)) == world.commune  # "chaque commune, en mairie"
    assert holder(date(2020, 1, 1)) == world.epci  # transferred
    (today,) = selectors.answers_for(world.territory, world.commune, [sanitation])
    assert today.inherited and len(today.history) == 2
    assert [row.since for row in today.history] == [date(2020, 1, 1), date(2000, 1, 1)]


@pytest.mark.django_db
def test_the_communes_own_row_wins_a_tie_and_a_later_default_wins_over_it(world: World) -> None:
    permits = CompetenceFactory.create(territory=world.territory)
    ExerciseFactory.create(competence=permits, commune=None, exercised_by=world.epci)
    ExerciseFactory.create(competence=permits, commune=world.commune, exercised_by=world.commune)
    (answer,) = selectors.answers_for(world.territory, world.commune, [permits])
    assert answer.organisation == world.commune and not answer.inherited
    ExerciseFactory.create(
        competence=permits, commune=None, exercised_by=world.epci, since=date(2024, 1, 1)
    )
    (answer,) = selectors.answers_for(world.territory, world.commune, [permits])
    assert answer.organisation == world.epci and answer.inherited


@pytest.mark.django_db
def test_the_reference_loads_once_with_sources_keywords_and_scenarios(world: World) -> None:
    assert services.reference_load(territory=world.territory) == len(reference_competences())
    assert services.reference_load(territory=world.territory) == 0  # idempotent
    dechets = Competence.objects.get(territory=world.territory, code="dechets")
    assert "L5214-16" in dechets.sources and "encombrant" in dechets.keywords
    assert dechets.mandatory  # the factory's territory is a communauté de communes
    assert Scenario.objects.filter(territory=world.territory).count() == len(reference_scenarios())
    # Every reference competence cites a text, and every scenario step a known competence.
    codes = {item["code"] for item in reference_competences()}
    assert all(item["sources"] for item in reference_competences())
    assert all(s["competence"] in codes for item in reference_scenarios() for s in item["steps"])


@pytest.mark.django_db
def test_a_territory_renames_its_copy_and_the_reload_keeps_it(world: World) -> None:
    services.reference_load(territory=world.territory)
    Competence.objects.filter(territory=world.territory, code="eau").update(name="Eau (SIAEP)")
    services.reference_load(territory=world.territory)
    assert Competence.objects.get(territory=world.territory, code="eau").name == "Eau (SIAEP)"
    assert not Competence.objects.filter(territory=world.other_territory).exists()


@pytest.mark.django_db
def test_the_command_loads_every_territory(world: World) -> None:
    from django.core.management import call_command

    call_command("load_competences", stdout=io.StringIO())
    assert Competence.objects.filter(territory=world.other_territory).exists()
    assert Competence.objects.filter(territory=world.territory).exists()


@pytest.mark.django_db
def test_the_contact_line_holds_only_what_is_known(world: World) -> None:
    water = CompetenceFactory.create(territory=world.territory)
    ExerciseFactory.create(competence=water, commune=None, exercised_by=world.epci, phone="02 00")
    (answer,) = selectors.answers_for(world.territory, world.commune, [water])
    assert answer.contact_line == "02 00"
    assert answer.organisation is not None
    answer.organisation.address = "1 rue de la Communauté"
    assert answer.contact_line == "1 rue de la Communauté · 02 00"
