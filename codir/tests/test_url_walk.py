"""Walk every URL pattern of the project, resolved with real objects.

For each pattern: anonymous visitors are sent to the login page (public pages aside),
a person who belongs to no territory and a member of another territory get 404, and the
territory's administrator reaches it (no 404, no 500). A new URL without an entry in
ROUTES makes `test_every_url_pattern_is_covered` fail.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Invitation
from conftest import World, client_for

# Namespaces that are not ours: Django's admin has its own access rules (staff only).
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"set_language"}

# Pages anyone may open (login, password reset, invitation links).
PUBLIC = {
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "people:invitation_accept",
}

# Pages that belong to the person rather than to a territory: an outsider reaches their own.
PERSONAL = {
    "home:home",
    "accounts:logout",
    "people:profile",
    "accounts:password_change",
    "accounts:password_change_done",
    "territories:list",
}


# The operator's pages: no territory's object behind them; everyone else is refused with
# the role table's message (403), the operator reaches them.
OPERATOR = {"territories:import_search", "territories:import_confirm"}


def _invitation(world: World) -> Invitation:
    invitation = Invitation(email="nouvelle@example.fr", territory=world.territory)
    invitation.set_token("jeton-de-test")
    invitation.set_expiry()
    invitation.save()
    return invitation


KwargsMaker = Callable[[World], dict[str, Any]]

ROUTES: dict[str, KwargsMaker] = {
    "home:home": lambda w: {},
    "accounts:login": lambda w: {},
    "accounts:logout": lambda w: {},
    "accounts:password_reset": lambda w: {},
    "accounts:password_reset_done": lambda w: {},
    "accounts:password_reset_confirm": lambda w: {"uidb64": "MQ", "token": "set-password"},
    "accounts:password_reset_complete": lambda w: {},
    "accounts:password_change": lambda w: {},
    "accounts:password_change_done": lambda w: {},
    "people:profile": lambda w: {},
    "people:invitation_accept": lambda w: {"token": _invitation(w) and "jeton-de-test"},
    "people:invite_to_territory": lambda w: {"territory_pk": w.territory.pk},
    "people:invite_to_body": lambda w: {"body_pk": w.body.pk},
    "people:invitation_revoke": lambda w: {"pk": _invitation(w).pk},
    "people:person_detail": lambda w: {"pk": w.member.pk},
    "people:person_history": lambda w: {"pk": w.member.pk},
    "territories:list": lambda w: {},
    "territories:import_search": lambda w: {},
    "territories:import_confirm": lambda w: {"siren": "248500530"},
    "territories:detail": lambda w: {"pk": w.territory.pk},
    "territories:directory": lambda w: {"pk": w.territory.pk},
    "territories:history": lambda w: {"pk": w.territory.pk},
    "territories:organisation_create": lambda w: {"pk": w.territory.pk},
    "territories:organisation_detail": lambda w: {"pk": w.commune.pk},
    "territories:organisation_history": lambda w: {"pk": w.commune.pk},
    "territories:organisation_update": lambda w: {"pk": w.commune.pk},
    "territories:position_create": lambda w: {"pk": w.commune.pk},
    "territories:position_end": lambda w: {"pk": w.member_position.pk},
    "bodies:create": lambda w: {"territory_pk": w.territory.pk},
    "bodies:detail": lambda w: {"pk": w.body.pk},
    "bodies:members": lambda w: {"pk": w.body.pk},
    "bodies:update": lambda w: {"pk": w.body.pk},
    "bodies:history": lambda w: {"pk": w.body.pk},
    "bodies:membership_create": lambda w: {"pk": w.body.pk},
    "bodies:membership_end": lambda w: {"pk": w.member_seat.pk},
}


# Apps add their own routes in `<app>/tests/url_routes.py` (ROUTES, and PUBLIC or PERSONAL
# where needed), so that each app's tests stay in its own folder.
for _module_name in (
    "governance.tests.url_routes",
    "meetings.tests.url_routes",
    "meetings.tests.agenda_url_routes",
    "minutes.tests.url_routes",
    "documents.tests.url_routes",
    "decisions.tests.proposal_url_routes",
    "decisions.tests.register_url_routes",
    "followup.tests.url_routes",
    "elections.tests.url_routes",
    "networks.tests.url_routes",
    "home.tests.url_routes",
    "legal.tests.url_routes",
    "parity.tests.url_routes",
    "reflection.tests.url_routes",
    "competences.tests.url_routes",
):
    try:
        _module = importlib.import_module(_module_name)
    except ModuleNotFoundError:
        continue
    ROUTES.update(_module.ROUTES)
    PUBLIC.update(getattr(_module, "PUBLIC", set()))
    PERSONAL.update(getattr(_module, "PERSONAL", set()))


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else (entry.namespace or namespace)
            )
            if inner in SKIPPED_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name and entry.name not in SKIPPED_NAMES:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def project_url_names() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def test_every_url_pattern_is_covered() -> None:
    missing = project_url_names() - set(ROUTES)
    assert not missing, f"Add these URL names to ROUTES in {__file__}: {sorted(missing)}"


def test_routes_name_only_existing_urls() -> None:
    stale = set(ROUTES) - project_url_names()
    assert not stale, f"ROUTES names URLs that no longer exist: {sorted(stale)}"


def _url(name: str, world: World) -> str:
    return reverse(name, kwargs=ROUTES[name](world))


TERRITORY_ROUTES = sorted(set(ROUTES) - PUBLIC - PERSONAL - OPERATOR)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(ROUTES) - PUBLIC))
def test_anonymous_is_sent_to_login(name: str, world: World, client: Client) -> None:
    url = _url(name, world)
    for response in (client.get(url), client.post(url)):
        if response.status_code == 405:
            continue
        assert response.status_code == 302, (name, response.status_code)
        assert response["Location"].startswith(reverse("accounts:login")), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", TERRITORY_ROUTES)
@pytest.mark.parametrize("who", ["lone_person", "outsider"])
def test_outsiders_get_404(name: str, who: str, world: World) -> None:
    client = client_for(getattr(world, who))
    url = _url(name, world)
    statuses = {client.get(url).status_code, client.post(url).status_code}
    assert statuses <= {404, 405}, (name, who, statuses)
    assert 404 in statuses, (name, who, statuses)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(OPERATOR))
@pytest.mark.parametrize("who", ["lone_person", "outsider", "admin", "member", "guest"])
def test_only_the_operator_reaches_the_operator_pages(name: str, who: str, world: World) -> None:
    url = _url(name, world)
    assert client_for(getattr(world, who)).get(url).status_code == 403, (name, who)
    world.lone_person.is_staff = True
    world.lone_person.save(update_fields=["is_staff"])
    assert client_for(world.lone_person).get(url).status_code == 200, name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(ROUTES) - {"accounts:logout"} - OPERATOR))
def test_administrator_reaches_every_page(name: str, world: World) -> None:
    client = client_for(world.admin)
    status = client.get(_url(name, world)).status_code
    assert status in {200, 302, 405, 410}, (name, status)
