"""Shared fixtures: one territory with an administrator, a member sitting in its codir,
a guest, and people of another territory (the outsiders of house rule 7)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.models import Body, BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from territories.models import Organisation, Position, Territory, TerritoryMember
from territories.tests.factories import (
    OrganisationFactory,
    PositionFactory,
    TerritoryFactory,
    TerritoryMemberFactory,
)


@dataclass
class World:
    territory: Territory
    epci: Organisation
    commune: Organisation
    body: Body
    admin: Person
    member: Person
    guest: Person
    member_position: Position
    member_seat: BodyMembership
    other_territory: Territory
    other_body: Body
    other_commune: Organisation
    outsider: Person
    lone_person: Person


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, tmp_path: Path) -> None:
    # Uploaded files go to a folder of the test's own, never to the project's media/.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Lock-outs are tested on purpose where needed; elsewhere they only add noise.
    settings.AXES_ENABLED = False
    # PBKDF2 costs the world fixture 1.5 s per test; the hasher is not what we test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background jobs run at once in tests, so that their effects can be asserted.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # A request in English (the language switch tests) leaves English active in the
    # thread; services that write French text (summaries, mails) must not inherit it.
    translation.activate(settings.LANGUAGE_CODE)
    # The per-process cache (the agenda's rendered rows) must not outlive a test whose
    # rows are rolled back.
    cache.clear()


@pytest.fixture
def world(db: None) -> World:
    territory = TerritoryFactory.create(name="CC du Pays Test", siren="200000001")
    epci = OrganisationFactory.create(
        territory=territory,
        kind=Organisation.Kind.EPCI,
        name="CC du Pays Test",
        insee_code="",
        siren="200000001",
        population=20000,
    )
    commune = OrganisationFactory.create(territory=territory, name="Saint-Essai", population=850)
    body = BodyFactory.create(territory=territory, name="Conférence des DGS")
    admin = PersonFactory.create(first_name="Adèle", last_name="Admin", email="admin@example.fr")
    TerritoryMemberFactory.create(
        territory=territory, person=admin, role=TerritoryMember.Role.ADMIN
    )
    member = PersonFactory.create(first_name="Marc", last_name="Membre", email="membre@example.fr")
    TerritoryMemberFactory.create(territory=territory, person=member)
    member_position = PositionFactory.create(person=member, organisation=commune)
    member_seat = MembershipFactory.create(body=body, person=member, position=member_position)
    guest = PersonFactory.create(
        first_name="Gaëlle", last_name="Invitée", email="invitee@example.fr"
    )
    MembershipFactory.create(body=body, person=guest, role=BodyMembership.Role.GUEST)

    other_territory = TerritoryFactory.create(name="CA d'Ailleurs", siren="200000002")
    other_commune = OrganisationFactory.create(territory=other_territory, name="Ailleurs-sur-Mer")
    other_body = BodyFactory.create(territory=other_territory, name="Codir d'Ailleurs")
    outsider = PersonFactory.create(
        first_name="Olivier", last_name="Dehors", email="dehors@example.fr"
    )
    TerritoryMemberFactory.create(territory=other_territory, person=outsider)
    MembershipFactory.create(body=other_body, person=outsider)
    lone_person = PersonFactory.create(first_name="Lou", last_name="Seul", email="seul@example.fr")
    return World(
        territory=territory,
        epci=epci,
        commune=commune,
        body=body,
        admin=admin,
        member=member,
        guest=guest,
        member_position=member_position,
        member_seat=member_seat,
        other_territory=other_territory,
        other_body=other_body,
        other_commune=other_commune,
        outsider=outsider,
        lone_person=lone_person,
    )


def client_for(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def admin_client_(world: World) -> Client:
    return client_for(world.admin)


@pytest.fixture
def member_client(world: World) -> Client:
    return client_for(world.member)


@pytest.fixture
def outsider_client(world: World) -> Client:
    return client_for(world.outsider)


@pytest.fixture
def guest_client(world: World) -> Client:
    return client_for(world.guest)


# --- Browser tests -----------------------------------------------------------------
# Playwright drives Debian's Chromium. Without it the browser tests are skipped with a
# visible message, unless CODIR_REQUIRE_BROWSER is set (CI), where a skip is a failure.

CHROMIUM = os.environ.get("CODIR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # Chromium refuses to run as root otherwise
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_BROWSER = (
    "Chromium introuvable (%s) : tests navigateur ignorés. Installez-le : apt-get install chromium"
)
_browser_skips: list[str] = []


def _browser_missing() -> str | None:
    if Path(CHROMIUM).exists():
        return None
    return NO_BROWSER % CHROMIUM


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    missing = _browser_missing()
    if missing:
        if os.environ.get("CODIR_REQUIRE_BROWSER"):
            pytest.fail(missing + " (CODIR_REQUIRE_BROWSER est défini)", pytrace=False)
        _browser_skips.append(missing)
        pytest.skip(missing)
    # Playwright's sync API runs an event loop in this thread; Django must accept ORM
    # calls from the test body anyway (tests only).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(
    chromium: Any, live_server: Any, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Any]]:
    """Open a fresh browser context (a separate person) on the live server.

    Every console error and uncaught exception of its pages fails the test at teardown:
    a Content Security Policy violation, a script error, a resource that does not load.
    A test that provokes them on purpose says so with `@pytest.mark.console_errors`."""
    contexts: list[Any] = []
    errors: list[str] = []

    def watch(page: Any) -> None:
        def on_console(message: Any) -> None:
            if message.type == "error":
                where = message.location.get("url", "") if message.location else ""
                errors.append(f"{page.url} · console : {message.text} ({where})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: errors.append(f"{page.url} · exception : {error}"))

    def open_page(width: int = 1280, height: int = 900) -> Any:
        context = chromium.new_context(
            base_url=live_server.url, locale="fr-FR", viewport={"width": width, "height": height}
        )
        context.set_default_timeout(10_000)
        context.on("page", watch)  # every page of the context, the first one included
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    if errors and request.node.get_closest_marker("console_errors") is None:
        pytest.fail("Erreurs dans la console du navigateur :\n" + "\n".join(errors))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _browser_skips:
        terminalreporter.write_line("")
        terminalreporter.write_line("!" * 78, yellow=True, bold=True)
        terminalreporter.write_line(_browser_skips[0], yellow=True, bold=True)
        terminalreporter.write_line("!" * 78, yellow=True, bold=True)
