"""The roles read once per request (access.roles.request_roles) are read again when a
seat or a territory access changes within the request, one by one or in bulk."""

from __future__ import annotations

import pytest

from access.permissions import CONTRIBUTE, allowed
from access.roles import held_roles, request_roles
from bodies.models import BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from territories.models import TerritoryMember

pytestmark = pytest.mark.django_db


def test_roles_are_read_once_per_request(world, django_assert_num_queries):
    token = request_roles.set({})
    try:
        with django_assert_num_queries(1):
            held_roles(world.member, world.body)
            held_roles(world.member, world.body)
    finally:
        request_roles.reset(token)


def test_a_seat_given_within_the_request_is_seen(world):
    committee = BodyFactory.create(territory=world.territory)
    token = request_roles.set({})
    try:
        assert not allowed(world.member, CONTRIBUTE, committee)
        MembershipFactory.create(body=committee, person=world.member)
        assert allowed(world.member, CONTRIBUTE, committee)
    finally:
        request_roles.reset(token)


def test_a_seat_ended_in_bulk_within_the_request_is_seen(world):
    token = request_roles.set({})
    try:
        assert allowed(world.member, CONTRIBUTE, world.body)
        BodyMembership.objects.filter(pk=world.member_seat.pk).delete()
        assert not allowed(world.member, CONTRIBUTE, world.body)
    finally:
        request_roles.reset(token)


def test_a_territory_access_removed_within_the_request_is_seen(world):
    token = request_roles.set({})
    try:
        assert held_roles(world.admin, world.territory)
        TerritoryMember.objects.filter(person=world.admin).update(role=TerritoryMember.Role.MEMBER)
        assert "territory-admin" not in held_roles(world.admin, world.territory)
    finally:
        request_roles.reset(token)
