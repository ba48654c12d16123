"""The map's figures, drawing and text rows are kept in the cache under a digest of the
records (networks.overview): a second view reuses them, and any change of what they show
(a link, a name, a seat, the day, the viewer's bodies, the language) shows at the next
view."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from bodies.tests.factories import BodyFactory, MembershipFactory
from conftest import World, client_for
from networks import overview
from networks.tests.factories import ActorFactory, LinkFactory

pytestmark = pytest.mark.django_db


def _map(world: World, **query: str) -> str:
    url = reverse("networks:map", args=[world.territory.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _bridges(world: World) -> str:
    return reverse("networks:bridges", args=[world.territory.pk])


def _svg(content: str) -> str:
    return content[content.index("<svg") : content.index("</svg>")]


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What was computed rather than taken from the cache, in order."""
    calls: list[str] = []
    figures, draw = overview.compute_figures, overview.draw_map

    def compute_figures(*args: Any) -> Any:
        calls.append("figures")
        return figures(*args)

    def draw_map(*args: Any) -> Any:
        calls.append("drawing")
        return draw(*args)

    monkeypatch.setattr(overview, "compute_figures", compute_figures)
    monkeypatch.setattr(overview, "draw_map", draw_map)
    return calls


def test_a_second_view_reuses_the_figures_and_the_drawing(
    world: World, computed: list[str]
) -> None:
    client = client_for(world.admin)
    first = client.get(_map(world)).content.decode()
    assert computed == ["figures", "drawing"]
    again = client.get(_map(world)).content.decode()
    client.get(_bridges(world))
    assert computed == ["figures", "drawing"]
    assert _svg(again) == _svg(first) and "<svg" in _svg(first)


def test_a_new_link_shows_at_the_next_view(world: World, computed: list[str]) -> None:
    client = client_for(world.admin)
    assert "Marc Membre" not in client.get(_bridges(world)).content.decode()
    client.get(_map(world))
    actor = ActorFactory.create(territory=world.territory, name="Préfecture")
    LinkFactory.create(actor=actor, person=world.member, start_date=date(2024, 1, 1))
    # in the codir and linked to the prefecture: now a bridge, on both pages
    assert "Marc Membre" in client.get(_bridges(world)).content.decode()
    content = client.get(_map(world)).content.decode()
    assert 'class="tag">passeur' in content and "Préfecture" in content
    assert computed.count("figures") == 2 and computed.count("drawing") == 2


def test_a_renamed_person_shows_at_the_next_view(world: World) -> None:
    client = client_for(world.admin)
    assert "Marc Membre" in client.get(_map(world)).content.decode()
    world.member.last_name = "Martinet"
    world.member.save()
    content = client.get(_map(world)).content.decode()
    assert "Marc Martinet" in content and "Marc Membre" not in content


def test_an_ended_seat_leaves_the_map_at_the_next_view(world: World) -> None:
    client = client_for(world.admin)
    assert "Marc Membre" in client.get(_map(world, au="2030-01-01")).content.decode()
    world.member_seat.end_date = world.member_seat.start_date
    world.member_seat.save()
    assert "Marc Membre" not in client.get(_map(world, au="2030-01-01")).content.decode()


def test_a_member_never_gets_what_an_administrator_sees(world: World) -> None:
    secret = BodyFactory.create(territory=world.territory, name="Groupe secret")
    MembershipFactory.create(body=secret, person=world.admin)
    assert "Groupe secret" in client_for(world.admin).get(_map(world)).content.decode()
    assert "Groupe secret" not in client_for(world.member).get(_map(world)).content.decode()


def test_each_language_has_its_own_drawing(world: World) -> None:
    client = client_for(world.member)
    assert "Légende" in client.get(_map(world)).content.decode()
    client.cookies["django_language"] = "en"
    content = client.get(_map(world)).content.decode()
    assert "Legend" in content and "Légende" not in content
