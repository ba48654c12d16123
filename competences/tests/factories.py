"""Factories of who answers what."""

from __future__ import annotations

from datetime import date

import factory

from competences.models import Competence, Exercise, Scenario, ScenarioStep
from territories.tests.factories import OrganisationFactory, TerritoryFactory


class CompetenceFactory(factory.django.DjangoModelFactory[Competence]):
    class Meta:
        model = Competence

    territory = factory.SubFactory(TerritoryFactory)
    code = factory.Sequence(lambda n: f"competence-{n}")
    name = factory.Sequence(lambda n: f"Compétence {n}")
    group = Competence.Group.MUNICIPAL
    order = factory.Sequence(lambda n: n)


class ExerciseFactory(factory.django.DjangoModelFactory[Exercise]):
    class Meta:
        model = Exercise

    competence = factory.SubFactory(CompetenceFactory)
    territory = factory.SelfAttribute("competence.territory")
    exercised_by = factory.SubFactory(
        OrganisationFactory, territory=factory.SelfAttribute("..territory")
    )
    since = date(2020, 1, 1)


class ScenarioFactory(factory.django.DjangoModelFactory[Scenario]):
    class Meta:
        model = Scenario

    territory = factory.SubFactory(TerritoryFactory)
    code = factory.Sequence(lambda n: f"parcours-{n}")
    title = factory.Sequence(lambda n: f"Parcours {n}")


class StepFactory(factory.django.DjangoModelFactory[ScenarioStep]):
    class Meta:
        model = ScenarioStep

    scenario = factory.SubFactory(ScenarioFactory)
    title = factory.Sequence(lambda n: f"Étape {n}")
    competence = factory.SubFactory(
        CompetenceFactory, territory=factory.SelfAttribute("..scenario.territory")
    )
