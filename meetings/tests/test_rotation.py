"""Fair rotation: least recently served first, ties by name, never by size."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from meetings.models import Meeting
from meetings.rotation import HostRotation, current_members, host_candidates, rank, suggest_roles
from meetings.tests.factories import MeetingFactory
from territories.models import Position
from territories.tests.factories import OrganisationFactory, PositionFactory


def _at(days: int) -> datetime:
    return timezone.now() + timedelta(days=days)


# --- rank (no database) -----------------------------------------------------------------


class Candidate:
    def __init__(self, pk: int, name: str, size: int = 0) -> None:
        self.pk, self.name, self.size = pk, name, size


def _rank(candidates, served):
    return [
        c.name
        for c in rank(candidates, last_served=served, key=lambda c: c.pk, name=lambda c: c.name)
    ]


def test_who_never_served_comes_first_by_name():
    people = [Candidate(1, "Martin"), Candidate(2, "Bernard"), Candidate(3, "Durand")]
    assert _rank(people, {1: _at(-30)}) == ["Bernard", "Durand", "Martin"]


def test_least_recently_served_comes_before_the_more_recent():
    people = [Candidate(1, "Martin"), Candidate(2, "Bernard"), Candidate(3, "Durand")]
    served = {1: _at(-90), 2: _at(-10), 3: _at(-60)}
    assert _rank(people, served) == ["Martin", "Durand", "Bernard"]


def test_ties_are_broken_by_name_not_by_size():
    same_day = _at(-30)
    towns = [Candidate(1, "Zèbre-Ville", size=90000), Candidate(2, "Azay", size=80)]
    assert _rank(towns, {1: same_day, 2: same_day}) == ["Azay", "Zèbre-Ville"]
    assert _rank(list(reversed(towns)), {1: same_day, 2: same_day}) == ["Azay", "Zèbre-Ville"]


def test_name_comparison_ignores_case():
    people = [Candidate(1, "de Villiers"), Candidate(2, "Dupont")]
    assert _rank(people, {}) == ["de Villiers", "Dupont"]


# --- Suggestions from the body's meetings -----------------------------------------------


def _member(world, last_name, town=None):
    person = PersonFactory.create(first_name="A", last_name=last_name)
    position = None
    if town is not None:
        organisation = OrganisationFactory.create(territory=world.territory, name=town)
        position = PositionFactory.create(person=person, organisation=organisation)
    MembershipFactory.create(
        body=world.body, person=person, position=position, start_date=date(2020, 1, 1)
    )
    return person


@pytest.mark.django_db
def test_members_exclude_guests_and_former_members(world):
    former = PersonFactory.create(last_name="Parti")
    MembershipFactory.create(
        body=world.body, person=former, start_date=date(2019, 1, 1), end_date=date(2020, 1, 1)
    )
    assert current_members(world.body) == [world.member]


@pytest.mark.django_db
def test_host_candidates_are_the_members_organisations(world):
    guest_town = OrganisationFactory.create(territory=world.territory, name="Chez-l'Invitée")
    MembershipFactory.create(
        body=world.body,
        person=PersonFactory.create(),
        role=BodyMembership.Role.GUEST,
        position=PositionFactory.create(organisation=guest_town),
    )
    assert host_candidates(world.body) == [world.commune]


@pytest.mark.django_db
def test_suggestion_is_the_least_recently_served(world):
    alice = _member(world, "Alpha", "Alphaville")
    bruno = _member(world, "Bravo", "Bravoville")
    # Marc Membre (world.member) facilitated long ago, Alice recently; Bruno never.
    MeetingFactory.create(
        body=world.body, starts_at=_at(-200), facilitator=world.member, secretary=alice
    )
    MeetingFactory.create(
        body=world.body,
        starts_at=_at(-30),
        facilitator=alice,
        host=alice.positions.get().organisation,
    )
    meeting = MeetingFactory.create(body=world.body, starts_at=_at(10))
    suggestion = suggest_roles(meeting)
    assert suggestion.facilitator == bruno
    # Secretary: Bruno and Marc never served; Bruno is the facilitator, so Marc.
    assert suggestion.secretary == world.member
    # Hosts: Bravoville and Saint-Essai never hosted: by name.
    assert suggestion.host == bruno.positions.get().organisation


@pytest.mark.django_db
def test_cancelled_and_later_meetings_do_not_count(world):
    alice = _member(world, "Alpha")
    MeetingFactory.create(
        body=world.body, starts_at=_at(-20), facilitator=alice, status=Meeting.Status.CANCELLED
    )
    meeting = MeetingFactory.create(body=world.body, starts_at=_at(10))
    MeetingFactory.create(body=world.body, starts_at=_at(40), facilitator=alice)
    assert suggest_roles(meeting).facilitator == alice


@pytest.mark.django_db
def test_the_meeting_itself_does_not_count(world):
    alice = _member(world, "Alpha")
    meeting = MeetingFactory.create(body=world.body, starts_at=_at(10), facilitator=alice)
    assert suggest_roles(meeting).facilitator == alice


@pytest.mark.django_db
def test_a_lone_member_is_both_facilitator_and_secretary(world):
    meeting = MeetingFactory.create(body=world.body, starts_at=_at(10))
    suggestion = suggest_roles(meeting)
    assert suggestion.facilitator == suggestion.secretary == world.member


@pytest.mark.django_db
def test_host_rotation_goes_round(world):
    b = _member(world, "B", "Bourg").positions.get().organisation
    c = _member(world, "C", "Cité").positions.get().organisation
    rotation = HostRotation(world.body)
    hosts = [rotation.next(_at(days)) for days in (10, 40, 70, 100)]
    assert hosts == [b, c, world.commune, b]


@pytest.mark.django_db
def test_a_secretary_of_two_communes_brings_both_into_the_rotation(world):
    """Nine communes, eight members: the secretary of Martinet also serves Le Girouard
    and sits through Martinet only. Over twelve meetings, every commune hosts before
    any hosts twice."""
    towns = ["Martinet", "Le Girouard", "Les Achards", "Nieul", "Beaulieu", "Sainte-Flaive"]
    towns += ["La Chapelle", "Saint-Julien"]
    communes = [world.commune]  # Saint-Essai, Marc Membre's
    for name in towns:
        communes.append(OrganisationFactory.create(territory=world.territory, name=name))
    secretary = PersonFactory.create(last_name="Poirier")
    seat = PositionFactory.create(
        person=secretary, organisation=communes[1], function=Position.Function.SECRETARY
    )
    PositionFactory.create(
        person=secretary, organisation=communes[2], function=Position.Function.SECRETARY
    )
    MembershipFactory.create(body=world.body, person=secretary, position=seat)
    for commune in communes[3:]:
        person = PersonFactory.create()
        position = PositionFactory.create(person=person, organisation=commune)
        MembershipFactory.create(body=world.body, person=person, position=position)
    # A guest's organisation and a member's non-leading position do not host.
    OrganisationFactory.create(territory=world.territory, name="Zz-Partenaire")
    PositionFactory.create(
        person=world.member,
        organisation=OrganisationFactory.create(territory=world.territory, name="Syndicat"),
        function=Position.Function.EXPERT,
    )
    assert len(communes) == 9
    rotation = HostRotation(world.body)
    hosts = [rotation.next(_at(30 * n)) for n in range(1, 13)]
    assert set(hosts[:9]) == set(communes)
    assert hosts[9:] == hosts[:3]
