"""What a chosen period changes: each quarter of the trend measures the organisations
that sat in the body during that quarter, "in the last twelve months" ends with the
period, and the period form folds away behind a one-line summary."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, local_datetime
from parity.report import body_report
from territories.tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_each_quarter_measures_the_organisations_that_sat_then(world: World) -> None:
    """Saint-Essai (Marc) and the EPCI (Eve) sit from 2025; Petit-Bourg (Paul) leaves on
    31 March 2026. Eve proposes one item in Q1 2026 and one in Q2 2026:
    - Q1: three organisations sat, [0, 0, 1] -> G = 2·3/(3·1) - 4/3 = 2/3;
    - Q2: Petit-Bourg had left, [0, 1] -> G = 2·2/(2·1) - 3/2 = 1/2 (it was 2/3 when
      every quarter was measured with the period's organisations)."""
    since = date(2025, 1, 1)
    world.member_seat.start_date = since
    world.member_seat.save(update_fields=["start_date"])
    eve = PersonFactory.create(first_name="Eve", last_name="Epci")
    eve_position = PositionFactory.create(person=eve, organisation=world.epci)
    MembershipFactory.create(body=world.body, person=eve, position=eve_position, start_date=since)
    petit = OrganisationFactory.create(territory=world.territory, name="Petit-Bourg")
    paul = PersonFactory.create(first_name="Paul", last_name="Petit")
    MembershipFactory.create(
        body=world.body,
        person=paul,
        position=PositionFactory.create(person=paul, organisation=petit),
        start_date=since,
        end_date=date(2026, 3, 31),
    )
    for day in (date(2026, 2, 10), date(2026, 5, 12)):
        meeting = MeetingFactory.create(body=world.body, starts_at=local_datetime(day))
        AgendaItemFactory.create(meeting=meeting, proposed_by=eve)

    report = body_report(world.body, date(2026, 1, 1), date(2026, 6, 30))

    assert report.trend_labels[-2:] == ["T1 2026", "T2 2026"]
    assert report.trend[-2:] == [pytest.approx(2 / 3), pytest.approx(1 / 2)]
    assert report.trend_proposed[-2:] == [pytest.approx(2 / 3), pytest.approx(1 / 2)]
    assert report.trend[:-2] == [None] * 6
    # The period as a whole still measures the three organisations that sat in it.
    assert {row.label for row in report.organisations} == {
        "CC du Pays Test",
        "Saint-Essai",
        "Petit-Bourg",
    }


def test_the_last_twelve_months_end_with_the_period(
    world: World, known: dict[str, Any], member_client: Client
) -> None:
    """A period ending 450 days ago: its twelve months hold the old meeting (500 days
    ago, hosted by the EPCI, Eve proposing), not the recent ones hosted by the EPCI and
    Saint-Essai. So Saint-Essai kept silent then, whatever it did since."""
    end = timezone.localdate() - timedelta(days=450)
    start = end - timedelta(days=100)
    response = member_client.get(
        reverse("parity:body", args=[world.body.pk]),
        {"start": start.isoformat(), "end": end.isoformat()},
    )
    report = response.context["report"]
    assert {o.name for o in report.quiet["hosted"]} == {"Saint-Essai", "Petit-Bourg"}
    assert {o.name for o in report.quiet["proposed"]} == {"Saint-Essai", "Petit-Bourg"}
    page = response.content.decode()
    assert "Au cours des douze mois jusqu’au" in page
    # The default period (the last twelve months) still reads from today.
    recent = member_client.get(reverse("parity:body", args=[world.body.pk])).context["report"]
    assert [o.name for o in recent.quiet["hosted"]] == ["Petit-Bourg"]


def test_the_period_form_folds_behind_a_summary(world: World, member_client: Client) -> None:
    url = reverse("parity:body", args=[world.body.pk])
    page = member_client.get(url).content.decode()
    assert '<details class="period-form"' in page
    assert "Changer la période" in page
    assert '<details class="period-form" open' not in page
    wrong = member_client.get(url, {"start": "2026-06-01", "end": "2026-01-01"}).content.decode()
    assert '<details class="period-form" open' in wrong
