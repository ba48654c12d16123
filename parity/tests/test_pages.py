"""A busy codir: the page shows its long tables a page of rows at a time and the share
chart's largest bars, so that neither its size nor its query count grows with the seats;
the CSV files stay complete."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, local_datetime
from parity.tables import CHART_BARS, ROWS_PER_PAGE
from territories.tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


def _seat_many(world: World, count: int) -> None:
    """`count` more seats, each for an organisation of its own, each seated person
    proposing one item at a meeting they host, facilitate and take the minutes of."""
    since = timezone.localdate() - timedelta(days=800)
    for number in range(count):
        organisation = OrganisationFactory.create(
            territory=world.territory, name=f"Commune {number:03d}", population=700
        )
        person = PersonFactory.create(first_name="Élu", last_name=f"{number:03d}")
        MembershipFactory.create(
            body=world.body,
            person=person,
            position=PositionFactory.create(person=person, organisation=organisation),
            start_date=since,
        )
        meeting = MeetingFactory.create(
            body=world.body,
            starts_at=local_datetime(timezone.localdate() - timedelta(days=10 + number)),
            host=organisation,
            facilitator=person,
            secretary=person,
            status=Meeting.Status.HELD,
        )
        AgendaItemFactory.create(meeting=meeting, proposed_by=person, presenter=person)


def _queries(client: Client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), len(response.content)


def _csv(response: Any) -> list[list[str]]:
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_queries_and_size_do_not_grow_with_the_seats(
    world: World, known: dict[str, Any], member_client: Client
) -> None:
    url = reverse("parity:body", args=[world.body.pk])
    _seat_many(world, ROWS_PER_PAGE + 5)
    queries, size = _queries(member_client, url)
    since = timezone.localdate() - timedelta(days=800)
    for number in range(40):  # 40 more seats, sitting for Petit-Bourg
        person = PersonFactory.create(first_name="Autre", last_name=f"{number:03d}")
        MembershipFactory.create(
            body=world.body,
            person=person,
            position=PositionFactory.create(person=person, organisation=known["petit"]),
            start_date=since,
        )
        AgendaItemFactory.create(meeting=known["first"], proposed_by=person)
    more_queries, more_size = _queries(member_client, url)
    # Session, user, bodies and roles, the body; the activities in one query, the seats,
    # the people and organisations named, the member organisations, the initiatives by
    # quarter in one query: the same 11 with 30 more seats or 70 more.
    assert (queries, more_queries) == (11, 11)
    # A page of rows per table whatever the seats (names differ in length: a margin).
    assert more_size < size * 1.1


def test_people_come_a_page_at_a_time_and_keep_the_period(
    world: World, known: dict[str, Any], member_client: Client
) -> None:
    _seat_many(world, ROWS_PER_PAGE + 5)
    today = timezone.localdate()
    period = {"start": (today - timedelta(days=300)).isoformat(), "end": today.isoformat()}
    url = reverse("parity:body", args=[world.body.pk])
    first = member_client.get(url, period)
    people = first.context["tables"]["personnes"]
    assert len(people.rows) == ROWS_PER_PAGE
    assert people.page.paginator.count == 32  # Eve, Marc and the 30 (Paul did nothing)
    assert people.previous_url == ""
    assert f"start={period['start']}" in people.next_url
    assert people.next_url.endswith("personnes=2#par-personne")
    page = first.content.decode()
    assert "Lignes 1 à 25 sur 32" in page

    second = member_client.get(url, {**period, "personnes": "2"})
    people = second.context["tables"]["personnes"]
    assert len(people.rows) == 32 - ROWS_PER_PAGE
    assert people.next_url == ""
    assert "personnes=1" in people.previous_url
    # The other tables stay on their first page, and a page past the end is the last.
    assert second.context["tables"]["organisations"].page.number == 1
    past = member_client.get(url, {**period, "personnes": "99"})
    assert past.context["tables"]["personnes"].page.number == 2
    assert member_client.get(url, {"personnes": "x"}).status_code == 200

    rows = _csv(member_client.get(reverse("parity:csv", args=[world.body.pk, "personnes"])))
    assert len(rows) == 1 + 32  # the download holds everyone


def test_the_share_chart_shows_the_largest_shares_and_the_csv_all(
    world: World, known: dict[str, Any], member_client: Client
) -> None:
    _seat_many(world, CHART_BARS + 5)
    response = member_client.get(reverse("parity:body", args=[world.body.pk]))
    chart = response.context["shares"]
    assert len(chart.rows) == CHART_BARS
    assert chart.rows[0][0] == "CC du Pays Test"  # the largest share comes first
    assert "Les 20 plus grandes parts sur 28 organisations" in response.content.decode()
    parts = _csv(member_client.get(reverse("parity:csv", args=[world.body.pk, "parts"])))
    assert len(parts) == 1 + 28
    organisations = response.context["tables"]["organisations"]
    assert organisations.page.paginator.count == 28
    assert len(organisations.rows) == ROWS_PER_PAGE
