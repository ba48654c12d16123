"""The demo loader: the registry's steps run in order, quietly, after the people and
bodies exist; the commands of the Makefile keep their names."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from accounts.models import Person
from bodies.models import BodyMembership
from decisions.proposals import notices
from demo import loader
from demo.people import DEMO_DOMAIN, DEMO_PASSWORD, OPERATOR_EMAIL, PEOPLE, demo_bodies
from demo.registry import STEPS, DemoStep
from territories.models import Territory


def test_every_step_is_named_once_and_says_why() -> None:
    names = [step.name for step in STEPS]
    assert len(names) == len(set(names))
    assert all(step.why for step in STEPS)
    # The order the steps rely on (see each `why`).
    assert names.index("meetings") < names.index("agenda") < names.index("minutes")
    assert names.index("agenda") < names.index("documents")
    assert names.index("framework") < names.index("register") < names.index("followup")


@pytest.mark.django_db
def test_demo_load_runs_the_steps_in_order_after_the_people(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[str, int, int, bool]] = []

    def recorder(name: str) -> DemoStep:
        def load(territory: Territory) -> None:
            people = Person.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").count()
            seats = BodyMembership.objects.filter(body__territory=territory).count()
            seen.append((name, people, seats, notices._quiet.get()))

        return DemoStep(name, load, "recorded")

    monkeypatch.setattr(loader, "STEPS", (recorder("first"), recorder("second")))
    territory = loader.demo_load()
    bodies = demo_bodies()
    seats = sum(len(body.seats) for body in bodies)
    # Every person and seat exists when the first step runs; the operator comes after.
    assert seen == [("first", len(PEOPLE), seats, True), ("second", len(PEOPLE), seats, True)]
    assert territory.bodies.count() == len(bodies)
    assert Person.objects.filter(email=OPERATOR_EMAIL, is_superuser=True).exists()


@pytest.mark.django_db
def test_demo_logins_command_prints_the_accounts() -> None:
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    assert DEMO_PASSWORD in printed
    assert OPERATOR_EMAIL in printed
    assert "claire.morvan@demo-achards.test" in printed


def test_demo_logins_prints_the_configured_address(settings: Any) -> None:
    # `make demo PORT=8123` exports CODIR_SITE_URL=http://127.0.0.1:8123 (Makefile).
    settings.SITE_URL = "http://127.0.0.1:8123"
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "Codir démarre sur http://127.0.0.1:8123/" in out.getvalue()
    assert ":8000" not in out.getvalue()


def test_make_demo_passes_a_site_url_that_follows_the_port() -> None:
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "SITE_URL ?= http://$(HOST):$(PORT)" in makefile
    assert "export CODIR_SITE_URL ?= $(SITE_URL)" in makefile
