"""The calendar: occurrences without public holidays (the recurrence in words is
governance's: governance/tests/test_recurrence.py), and the generation of a year of
meetings from the adopted charter (idempotent)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from governance.models import Charter
from governance.tests.factories import CharterFactory
from meetings import schedule
from meetings.models import Meeting
from meetings.services import meeting_update, meetings_generate
from meetings.tests.factories import AgendaItemFactory, local_datetime
from territories.models import Organisation
from territories.tests.factories import OrganisationFactory, PositionFactory

# --- Occurrences ------------------------------------------------------------------------


def _days(rule, start, end, anchor=date(2026, 1, 1)):
    found = schedule.occurrences(
        rule=rule,
        anchor=anchor,
        start_time=time(9, 0),
        end_time=time(11, 30),
        start=start,
        end=end,
    )
    return [timezone.localdate(o.starts_at) for o in found.kept], found.skipped


def test_second_tuesday_skips_the_fourteenth_of_july():
    days, skipped = _days("FREQ=MONTHLY;BYDAY=+2TU", date(2026, 6, 1), date(2026, 9, 1))
    assert days == [date(2026, 6, 9), date(2026, 8, 11)]
    assert skipped == [(date(2026, 7, 14), "Fête nationale")]


def test_weekly_wednesday_skips_armistice_day():
    days, skipped = _days("FREQ=WEEKLY;BYDAY=WE", date(2026, 11, 1), date(2026, 11, 20))
    assert days == [date(2026, 11, 4), date(2026, 11, 18)]
    assert [day for day, _name in skipped] == [date(2026, 11, 11)]


def test_first_friday_skips_labour_day():
    days, skipped = _days("FREQ=MONTHLY;BYDAY=+1FR", date(2026, 4, 1), date(2026, 6, 30))
    assert days == [date(2026, 4, 3), date(2026, 6, 5)]
    assert skipped[0][0] == date(2026, 5, 1)


def test_occurrences_are_local_times_in_summer_and_winter():
    found = schedule.occurrences(
        rule="FREQ=MONTHLY;BYDAY=+2TU",
        anchor=date(2026, 1, 1),
        start_time=time(9, 0),
        end_time=time(11, 30),
        start=date(2026, 1, 1),
        end=date(2026, 7, 1),
    )
    for occurrence in found.kept:
        assert timezone.localtime(occurrence.starts_at).time() == time(9, 0)
        assert occurrence.ends_at - occurrence.starts_at == timedelta(hours=2, minutes=30)


def test_every_two_months_keeps_its_phase_whatever_the_start():
    rule = "FREQ=MONTHLY;INTERVAL=2;BYDAY=+1TH"
    anchor = date(2026, 1, 1)
    whole, skipped = _days(rule, date(2026, 1, 1), date(2027, 1, 1), anchor)
    later, _ = _days(rule, date(2026, 4, 15), date(2027, 1, 1), anchor)
    # Thursday 1 January 2026 is New Year's Day: skipped, the phase stays odd months.
    assert [day for day, _name in skipped] == [date(2026, 1, 1)]
    assert [d.month for d in whole] == [3, 5, 7, 9, 11]
    assert later == [d for d in whole if d >= date(2026, 4, 15)]


def test_codev_timeline_has_six_timed_phases():
    start = local_datetime(date(2026, 3, 10), time(14, 0))
    phases = schedule.codev_timeline(start)
    assert len(phases) == 6
    assert phases[0].starts_at == start
    assert phases[1].starts_at == start + timedelta(minutes=phases[0].minutes)
    assert "Apprentissages" in phases[-1].label


# --- Generation -------------------------------------------------------------------------


def _seat(body, name, population):
    organisation = OrganisationFactory.create(
        territory=body.territory, name=name, population=population
    )
    person = PersonFactory.create(last_name=f"DGS {name}")
    position = PositionFactory.create(person=person, organisation=organisation)
    MembershipFactory.create(
        body=body, person=person, position=position, start_date=date(2020, 1, 1)
    )
    return organisation


def _charter(body, **kwargs):
    kwargs.setdefault("adopted_on", date(2026, 1, 5))
    return CharterFactory.create(body=body, **kwargs)


@pytest.mark.django_db
def test_generation_plans_a_year_and_skips_holidays(world):
    _charter(world.body)
    report = meetings_generate(body=world.body, start=date(2026, 6, 1), end=date(2026, 12, 1))
    days = [timezone.localdate(m.starts_at) for m in world.body.meetings.all()]
    assert date(2026, 7, 14) not in days
    assert days == [
        date(2026, 6, 9),
        date(2026, 8, 11),
        date(2026, 9, 8),
        date(2026, 10, 13),
        date(2026, 11, 10),
    ]
    assert report.skipped == [(date(2026, 7, 14), "Fête nationale")]
    for meeting in world.body.meetings.all():
        assert meeting.original_starts_at == meeting.starts_at
        assert meeting.status == Meeting.Status.PLANNED


@pytest.mark.django_db
def test_generation_defaults_to_a_year_from_today(world):
    _charter(world.body)
    meetings_generate(body=world.body)
    meetings = list(world.body.meetings.all())
    assert 10 <= len(meetings) <= 12  # twelve months, minus holidays
    assert timezone.localdate(meetings[0].starts_at) >= timezone.localdate()


@pytest.mark.django_db
def test_generation_is_idempotent(world):
    _charter(world.body)
    meetings_generate(body=world.body, start=date(2026, 1, 1), end=date(2027, 1, 1))
    count = world.body.meetings.count()
    report = meetings_generate(body=world.body, start=date(2026, 1, 1), end=date(2027, 1, 1))
    assert report.created == [] and report.removed == 0
    assert world.body.meetings.count() == count


@pytest.mark.django_db
def test_generation_needs_an_adopted_charter(world):
    _charter(world.body, adopted_on=None)
    with pytest.raises(ValidationError):
        meetings_generate(body=world.body)
    assert not world.body.meetings.exists()


@pytest.mark.django_db
def test_rotating_places_go_round_the_members_town_halls(world):
    # world.member sits for Saint-Essai; two more communes, of very different sizes.
    big = _seat(world.body, "Grande-Ville", 40000)
    small = _seat(world.body, "Petit-Bourg", 120)
    _charter(world.body)
    meetings_generate(body=world.body, start=date(2026, 1, 1), end=date(2026, 7, 1))
    hosts = [m.host for m in world.body.meetings.order_by("starts_at")]
    # By name, never by size: Grande-Ville, Petit-Bourg, Saint-Essai, then again.
    assert hosts == [big, small, world.commune, big, small, world.commune]
    first = world.body.meetings.order_by("starts_at").first()
    assert first.place == "Mairie de Grande-Ville"


@pytest.mark.django_db
def test_fixed_place_is_used_for_every_meeting(world):
    _charter(world.body, place_mode=Charter.PlaceMode.FIXED, fixed_place="Siège de la CC")
    meetings_generate(body=world.body, start=date(2026, 1, 1), end=date(2026, 4, 1))
    assert {(m.place, m.host) for m in world.body.meetings.all()} == {("Siège de la CC", None)}


@pytest.mark.django_db
def test_a_moved_meeting_keeps_its_occurrence_and_is_not_planned_again(world):
    _charter(world.body)
    meetings_generate(body=world.body, start=date(2026, 9, 1), end=date(2026, 11, 1))
    meeting = world.body.meetings.order_by("starts_at").first()
    original = meeting.starts_at
    moved_to = local_datetime(date(2026, 9, 10), time(14, 0))
    meeting_update(
        meeting=meeting,
        starts_at=moved_to,
        ends_at=moved_to + timedelta(hours=2),
        format=meeting.format,
        place="Salle des fêtes",
    )
    meeting.refresh_from_db()
    assert meeting.starts_at == moved_to
    assert meeting.original_starts_at == original
    meetings_generate(body=world.body, start=date(2026, 9, 1), end=date(2026, 11, 1))
    assert world.body.meetings.count() == 2
    assert not world.body.meetings.filter(starts_at=original).exists()


@pytest.mark.django_db
def test_a_new_version_neither_duplicates_nor_drops_prepared_meetings(world):
    first = _charter(world.body, version=1)  # 2nd Tuesday
    meetings_generate(body=world.body, start=date(2026, 9, 1), end=date(2026, 12, 1))
    september, october, november = world.body.meetings.order_by("starts_at")
    AgendaItemFactory.create(meeting=october)
    # Version 2: the 2nd Tuesday still, but in the afternoon; then version 3 on Thursdays.
    second = _charter(
        world.body,
        version=2,
        start_time=time(14, 0),
        end_time=time(16, 0),
        adopted_on=date(2026, 2, 1),
    )
    report = meetings_generate(body=world.body, start=date(2026, 9, 1), end=date(2026, 12, 1))
    assert report.created == []
    september.refresh_from_db()
    assert september.charter == second
    assert timezone.localtime(september.starts_at).time() == time(14, 0)
    assert world.body.meetings.count() == 3

    _charter(
        world.body, version=3, recurrence="FREQ=MONTHLY;BYDAY=+2TH", adopted_on=date(2026, 3, 1)
    )
    report = meetings_generate(body=world.body, start=date(2026, 9, 1), end=date(2026, 12, 1))
    assert len(report.created) == 3
    assert report.removed == 2  # September and November: nothing prepared
    assert report.kept == [october]  # it has an item
    assert world.body.meetings.filter(pk=october.pk).exists()
    assert not world.body.meetings.filter(pk__in=[september.pk, november.pk]).exists()
    assert first.pk  # the old version is still there
    # And once more: nothing changes.
    report = meetings_generate(body=world.body, start=date(2026, 9, 1), end=date(2026, 12, 1))
    assert report.created == [] and report.removed == 0
    assert world.body.meetings.count() == 4


@pytest.mark.django_db
def test_organisation_size_never_orders_hosts(world):
    world.commune.population = 100
    world.commune.save()
    _seat(world.body, "Zénith-sur-Mer", 90000)
    _charter(world.body)
    meetings_generate(body=world.body, start=date(2026, 1, 1), end=date(2026, 2, 1))
    assert world.body.meetings.get().host.kind == Organisation.Kind.COMMUNE
    assert world.body.meetings.get().host == world.commune  # "Saint-Essai" < "Zénith"


# --- Demo -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_meetings_is_idempotent(world):
    from meetings.demo import demo_meetings

    PositionFactory.create(person=world.admin, organisation=world.epci)  # the EPCI's DGS
    demo_meetings(world.territory)
    assert not world.body.meetings.exists()  # nothing without an adopted charter
    # Adopted by consent in the decisions demo (decisions/demo/governance.py).
    CharterFactory.create(body=world.body, adopted_on=date(2024, 1, 15))
    demo_meetings(world.territory)
    count = world.body.meetings.count()
    attendances = sum(m.attendances.count() for m in world.body.meetings.all())
    demo_meetings(world.territory)
    charter = world.body.charters.get()
    assert charter.rhythm == "le 2e mardi de chaque mois"
    assert world.body.meetings.count() == count >= 12
    held = world.body.meetings.filter(status=Meeting.Status.HELD)
    assert held.count() == 3
    assert all(m.starts_at < timezone.now() and m.attendances.exists() for m in held)
    assert (
        not world.body.meetings.filter(starts_at__lt=timezone.now())
        .exclude(status=Meeting.Status.HELD)
        .exists()
    )
    assert sum(m.attendances.count() for m in world.body.meetings.all()) == attendances
