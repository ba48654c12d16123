"""The hand-checked data set shared by the parity tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, local_datetime
from territories.tests.factories import OrganisationFactory, PositionFactory


@pytest.fixture
def known(world: World) -> dict[str, Any]:
    """Three organisations over the last twelve months:
    - the EPCI (20 000 inhabitants, Eve): proposed 3 items and presented them, facilitated
      once, took the minutes twice, hosted once: 3 + 3 + 1 + 2 + 1 = 10 acts;
    - Saint-Essai (850, Marc): proposed and presented 1 item, facilitated once, hosted
      once: 1 + 1 + 1 + 1 = 4 acts;
    - Petit-Bourg (300, Paul): nothing: 0.
    Total 14; shares 10/14 = 71,4 %, 4/14 = 28,6 %, 0 %; equal share 1/3 = 33 %.
    Gini of [0, 4, 10] = 20/42 = 0,476… shown as 0,48 (parity/tests/test_figures.py)."""
    # The seats date from before the period: the trend measures each quarter with the
    # organisations that sat then (parity/tests/test_periods.py).
    since = timezone.localdate() - timedelta(days=800)
    world.member_seat.start_date = since
    world.member_seat.save(update_fields=["start_date"])
    eve = PersonFactory.create(first_name="Eve", last_name="Epci")
    eve_seat = PositionFactory.create(person=eve, organisation=world.epci)
    MembershipFactory.create(body=world.body, person=eve, position=eve_seat, start_date=since)
    petit = OrganisationFactory.create(
        territory=world.territory, name="Petit-Bourg", population=300
    )
    paul = PersonFactory.create(first_name="Paul", last_name="Petit")
    MembershipFactory.create(
        body=world.body,
        person=paul,
        position=PositionFactory.create(person=paul, organisation=petit),
        start_date=since,
    )
    today = timezone.localdate()
    first = MeetingFactory.create(
        body=world.body,
        starts_at=local_datetime(today - timedelta(days=30)),
        host=world.epci,
        facilitator=eve,
        secretary=eve,
        status=Meeting.Status.HELD,
    )
    second = MeetingFactory.create(
        body=world.body,
        starts_at=local_datetime(today - timedelta(days=60)),
        host=world.commune,
        facilitator=world.member,
        secretary=eve,
        status=Meeting.Status.HELD,
    )
    for meeting, person in ((first, eve), (first, eve), (first, world.member), (second, eve)):
        AgendaItemFactory.create(meeting=meeting, proposed_by=person, presenter=person)
    # Outside the period: counts for nothing.
    old = MeetingFactory.create(
        body=world.body,
        starts_at=local_datetime(today - timedelta(days=500)),
        host=world.epci,
        facilitator=eve,
    )
    AgendaItemFactory.create(meeting=old, proposed_by=eve, presenter=eve)
    return {"eve": eve, "paul": paul, "petit": petit, "first": first}
