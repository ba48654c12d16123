"""The user's short list of visible bodies: the rule of `bodies_for`, read once per
request, and used by every list as a literal `body_id IN (...)`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from access.scopes import in_visible_bodies, request_bodies, visible_body_ids
from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from meetings.models import Meeting
from territories.models import TerritoryMember

pytestmark = pytest.mark.django_db


def test_a_member_sees_the_bodies_they_sit_in_now(world):
    MembershipFactory.create(
        body=BodyFactory.create(territory=world.territory),
        person=world.member,
        start_date=date(2015, 1, 1),
        end_date=date(2016, 1, 1),
    )
    assert visible_body_ids(world.member) == [world.body.pk]
    assert visible_body_ids(world.guest) == [world.body.pk]
    assert visible_body_ids(world.outsider) == [world.other_body.pk]
    assert visible_body_ids(world.lone_person) == []


def test_an_administrator_sees_every_body_of_their_territory_without_a_seat(world):
    committee = BodyFactory.create(territory=world.territory)
    assert visible_body_ids(world.admin) == sorted([world.body.pk, committee.pk])


def test_the_operator_is_not_filtered_and_an_anonymous_visitor_sees_nothing(world):
    assert visible_body_ids(PersonFactory.create(is_staff=True)) is None
    assert visible_body_ids(cast(Person, AnonymousUser())) == []


def test_outside_a_request_the_list_is_read_afresh(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        visible_body_ids(world.member)
        visible_body_ids(world.member)


def test_within_a_request_it_is_read_once_and_again_after_a_seat_changes(
    world, django_assert_num_queries
):
    token = request_bodies.set({})
    try:
        with django_assert_num_queries(1):  # the union of seats and administered bodies
            assert visible_body_ids(world.member) == [world.body.pk]
            assert visible_body_ids(world.member) == [world.body.pk]
        MembershipFactory.create(body=world.other_body, person=world.member)
        assert visible_body_ids(world.member) == sorted([world.body.pk, world.other_body.pk])
    finally:
        request_bodies.reset(token)


def test_lists_filter_on_a_literal_list_of_bodies(world):
    sql = str(in_visible_bodies(Meeting.objects.all(), world.member).query).lower()
    assert f'body_id" in ({world.body.pk})' in sql
    assert "bodymembership" not in sql and "territorymember" not in sql


@pytest.mark.parametrize("write", ["bulk_create", "update", "bulk_update"])
def test_within_a_request_a_bulk_change_of_seats_is_seen(world, write):
    """bulk_create and update send no post_save: the seats' QuerySet signals them
    (core.signals.rows_changed_in_bulk) and the request's list is read again."""
    token = request_bodies.set({})
    try:
        assert visible_body_ids(world.member) == [world.body.pk]
        seat = world.member_seat
        if write == "bulk_create":
            BodyMembership.objects.bulk_create(
                [BodyMembership(body=world.other_body, person=world.member)]
            )
            expected = sorted([world.body.pk, world.other_body.pk])
        elif write == "update":
            BodyMembership.objects.filter(pk=seat.pk).update(
                start_date=timezone.localdate() + timedelta(days=1)
            )
            expected = []
        else:
            seat.start_date = timezone.localdate() + timedelta(days=1)  # not yet current
            BodyMembership.objects.bulk_update([seat], ["start_date"])
            expected = []
        assert visible_body_ids(world.member) == expected
    finally:
        request_bodies.reset(token)


def test_within_a_request_a_bulk_change_of_administrators_is_seen(world):
    token = request_bodies.set({})
    try:
        assert world.other_body.pk not in (visible_body_ids(world.member) or [])
        TerritoryMember.objects.bulk_create(
            [
                TerritoryMember(
                    territory=world.other_territory,
                    person=world.member,
                    role=TerritoryMember.Role.ADMIN,
                )
            ]
        )
        assert world.other_body.pk in (visible_body_ids(world.member) or [])
    finally:
        request_bodies.reset(token)
