"""The month view of "Mon agenda": whole weeks from Monday, French names and holidays,
the meetings of my bodies, the neighbouring months, a constant number of queries."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from django.urls import reverse

from meetings.models import Meeting
from meetings.month import month_for, parse_month
from meetings.tests.factories import MeetingFactory, local_datetime

pytestmark = pytest.mark.django_db

URL = reverse("meetings:my_calendar")


def meeting_on(world, day, **extra):
    start = local_datetime(day, time(9, 30))
    return MeetingFactory.create(
        body=world.body, starts_at=start, ends_at=start + timedelta(hours=2), **extra
    )


def test_parse_month_is_forgiving():
    today = date(2026, 12, 7)
    assert parse_month("2027-02", today) == date(2027, 2, 1)
    for wrong in (None, "", "2027-13", "février", "9999-01", "2027-02-01"):
        assert parse_month(wrong, today) == date(2026, 12, 1)


def test_weeks_start_on_monday_and_cover_the_month(world):
    month = month_for(world.member, date(2027, 2, 1))  # 1 February 2027 is a Monday
    assert [len(week) for week in month.weeks] == [7, 7, 7, 7]
    assert month.weeks[0][0].day == date(2027, 2, 1)
    assert all(week[0].day.weekday() == 0 for week in month.weeks)
    assert (month.previous, month.next) == (date(2027, 1, 1), date(2027, 3, 1))
    april = month_for(world.member, date(2027, 4, 1))  # a Thursday
    assert april.weeks[0][0].day == date(2027, 3, 29) and not april.weeks[0][0].in_month
    assert april.weeks[-1][-1].day == date(2027, 5, 2)


def test_the_month_shows_my_meetings_and_the_holidays(world, member_client):
    mine = meeting_on(world, date(2026, 12, 8), title="Conférence de décembre")
    meeting_on(world, date(2026, 12, 15), status=Meeting.Status.CANCELLED, title="Annulée")
    MeetingFactory.create(
        body=world.other_body,
        starts_at=local_datetime(date(2026, 12, 9), time(9)),
        ends_at=local_datetime(date(2026, 12, 9), time(11)),
        title="Ailleurs",
    )
    page = member_client.get(URL, {"mois": "2026-12"}).content.decode()
    text = re.sub(r"\s+", " ", page)
    assert "<caption>Décembre 2026 · 1 réunion</caption>" in text
    assert f'href="{mine.get_absolute_url()}">09:30 Conférence de décembre</a>' in text
    assert "Annulée" not in text and "Ailleurs" not in text
    assert "Noël" in text  # 25 December, from the holidays package
    assert 'href="?mois=2026-11#mois" rel="prev">← novembre 2026' in text
    assert 'href="?mois=2027-01#mois" rel="next">janvier 2027 →' in text
    assert '<abbr title="lundi">' in text  # the first column
    assert text.index('<abbr title="lundi">') < text.index('<abbr title="dimanche">')
    assert (
        '<time class="month-day" datetime="2026-12-01">'
        '<span class="month-weekday">mardi </span>1<sup>er</sup></time>' in text
    )


def test_month_page_query_count_is_constant(world, member_client, django_assert_num_queries):
    for day in (1, 8):
        meeting_on(world, date(2027, 1, day))
    # The six queries of the page before the month view (session, user, roles, the
    # upcoming meetings, the feeds' bodies...) and one for the month's meetings with
    # their body, whatever their number.
    with django_assert_num_queries(7):
        member_client.get(URL, {"mois": "2027-01"})
    for day in (12, 19, 26, 27):
        meeting_on(world, date(2027, 1, day))
    with django_assert_num_queries(7):
        member_client.get(URL, {"mois": "2027-01"})
