"""A person's page: identity, relational profile, functions and seats, and history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bodies.models import BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from territories.models import Position
from territories.tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


def _url(person, name="people:person_detail"):
    return reverse(name, args=[person.pk])


@pytest.fixture
def career(world):
    """The member's past: an ended position and an ended seat, plus, elsewhere, a
    position in the other territory that members of this one must not see."""
    today = timezone.localdate()
    PositionFactory(
        person=world.member,
        organisation=world.epci,
        function=Position.Function.DGA,
        start_date=date(2015, 1, 1),
        end_date=date(2019, 12, 31),
    )
    old_group = BodyFactory(territory=world.territory, name="Groupe voirie")
    MembershipFactory(
        body=old_group,
        person=world.member,
        role=BodyMembership.Role.FACILITATOR,
        start_date=date(2018, 3, 1),
        end_date=today - timedelta(days=1),
    )
    PositionFactory(person=world.member, organisation=world.other_commune, function="autre")
    world.member.presentation = "Je coordonne les services techniques."
    world.member.save()


def test_member_sees_another_members_page(admin_client_, world, career):
    response = admin_client_.get(_url(world.member))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Marc Membre" in content
    assert "mailto:membre@example.fr" in content
    assert "Je coordonne les services techniques." in content
    # Current position and seat, with links.
    assert "Saint-Essai" in content
    assert world.commune.get_absolute_url() in content
    assert "Conférence des DGS" in content
    assert world.body.get_absolute_url() in content
    # History, with dates.
    assert "directeur·rice général·e adjoint·e" in content
    assert "du 1er janvier 2015 au 31 décembre 2019" in content
    assert "Groupe voirie" in content
    # Territories stay isolated.
    assert "Ailleurs-sur-Mer" not in content


def test_guest_sees_a_fellow_body_member(guest_client, world):
    assert guest_client.get(_url(world.member)).status_code == 200


def test_outsider_gets_404(outsider_client, world):
    assert outsider_client.get(_url(world.member)).status_code == 404
    assert outsider_client.get(_url(world.member, "people:person_history")).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    for name in ("people:person_detail", "people:person_history"):
        response = client.get(_url(world.member, name))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_person_pages_refuse_post(member_client, world):
    assert member_client.post(_url(world.member)).status_code == 405
    assert member_client.post(_url(world.member, "people:person_history")).status_code == 405


def test_own_page_offers_to_edit_the_profile(member_client, world):
    content = member_client.get(_url(world.member)).content.decode()
    assert reverse("people:profile") in content
    assert "Votre profil relationnel est vide" in content


def test_query_count_does_not_grow_with_the_history(
    admin_client_, world, career, django_assert_num_queries
):
    # session, the logged-in person, the viewer's visible bodies, the person shown (scoped
    # to the viewer),
    # their positions with organisations, their seats with bodies and positions, and
    # whether the viewer may open the organisations' territory (one per territory).
    with django_assert_num_queries(7):
        admin_client_.get(_url(world.member))
    for year in range(2000, 2010):
        organisation = OrganisationFactory(territory=world.territory)
        position = PositionFactory(
            person=world.member,
            organisation=organisation,
            start_date=date(year, 1, 1),
            end_date=date(year, 12, 31),
        )
        MembershipFactory(
            body=BodyFactory(territory=world.territory),
            person=world.member,
            position=position,
            start_date=date(year, 1, 1),
            end_date=date(year, 12, 31),
        )
    with django_assert_num_queries(7):
        response = admin_client_.get(_url(world.member))
    assert response.content.decode().count("du 1er janvier 200") == 20


def test_history_shows_the_audit_trail(member_client, world):
    member_client.post(
        reverse("people:profile"),
        {"first_name": "Marc", "last_name": "Membre", "projects": "Un schéma de mutualisation"},
    )
    response = member_client.get(_url(world.member, "people:person_history"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Historique : Marc Membre" in content
    assert "Un schéma de mutualisation" in content


def test_a_body_is_listed_once_with_the_roles_held_in_it(world, member_client):
    # As on the body's page: the facilitator's role beside their seat, not a second line.
    MembershipFactory(
        body=world.body,
        person=world.member,
        role=BodyMembership.Role.FACILITATOR,
        end_date=timezone.localdate() + timedelta(days=200),
    )
    content = member_client.get(_url(world.member)).content.decode()
    instances = content[content.index('id="instances"') : content.index('id="profil"')]
    assert instances.count(world.body.get_absolute_url()) == 1
    assert "animateur·rice" in instances and "membre" in instances
