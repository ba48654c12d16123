"""The bridges table is paginated, keeps the chosen day from page to page, and its query
count depends neither on the page nor on the number of bridges."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import PersonFactory
from bodies.models import Body
from bodies.tests.factories import BodyFactory, MembershipFactory
from conftest import World, client_for
from networks.views import BRIDGES_PER_PAGE
from territories.tests.factories import TerritoryMemberFactory

pytestmark = pytest.mark.django_db


def _bridges(world: World, other: Body, count: int) -> None:
    """`count` people who sit both in the codir and in another body: each a bridge."""
    for _n in range(count):
        person = PersonFactory.create()
        TerritoryMemberFactory.create(territory=world.territory, person=person)
        MembershipFactory.create(body=world.body, person=person)
        MembershipFactory.create(body=other, person=person)


def _rows(content: str) -> int:
    return content.count('<tr><th scope="row">')


def _queries(url: str, world: World, **query: Any) -> tuple[int, str]:
    client = client_for(world.admin)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_the_bridges_are_paginated_with_a_constant_query_count(world: World) -> None:
    url = reverse("networks:bridges", args=[world.territory.pk])
    other = BodyFactory.create(territory=world.territory, circle=2, name="Club des DST")
    _bridges(world, other, 3)
    few, _content = _queries(url, world)
    _bridges(world, other, BRIDGES_PER_PAGE)  # now more than a page
    first, content = _queries(url, world)
    assert _rows(content) == BRIDGES_PER_PAGE
    assert "Page 1 sur 2" in content
    second, content = _queries(url, world, page=2)
    assert _rows(content) == 3
    assert few == first == second
    _dated, content = _queries(url, world, au="2030-01-01")
    assert "?au=2030-01-01&amp;page=2" in content
