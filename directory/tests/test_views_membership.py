"""Seating a person in a body, in a capacity, and ending their membership."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from territories.models import Position, TerritoryMember
from territories.tests.factories import (
    OrganisationFactory,
    PositionFactory,
    TerritoryMemberFactory,
)

pytestmark = pytest.mark.django_db


def create_url(body):
    return reverse("bodies:membership_create", args=[body.pk])


def end_url(membership):
    return reverse("bodies:membership_end", args=[membership.pk])


@pytest.fixture
def secretary(world):
    """A secretary serving two communes of the territory, not yet in the codir."""
    person = PersonFactory(first_name="Sophie", last_name="Secrétaire")
    TerritoryMemberFactory(territory=world.territory, person=person)
    second = OrganisationFactory(territory=world.territory, name="Petit-Bourg")
    return {
        "person": person,
        "first": PositionFactory(
            person=person, organisation=world.commune, function=Position.Function.SECRETARY
        ),
        "second": PositionFactory(
            person=person, organisation=second, function=Position.Function.SECRETARY
        ),
    }


def seat(person, position=None, **overrides):
    data = {
        "person": person.pk,
        "position": position.pk if position else "",
        "capacity": "",
        "role": BodyMembership.Role.MEMBER,
        "start_date": "2025-09-01",
    }
    data.update(overrides)
    return data


# --- Access --------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(create_url(world.body))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    response = client.post(end_url(world.member_seat), {"end_date": "2030-01-01"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_outsider_gets_404(world, outsider_client, secretary):
    assert outsider_client.get(create_url(world.body)).status_code == 404
    response = outsider_client.post(create_url(world.body), seat(world.outsider))
    assert response.status_code == 404
    response = outsider_client.post(end_url(world.member_seat), {"end_date": "2030-01-01"})
    assert response.status_code == 404
    world.member_seat.refresh_from_db()
    assert world.member_seat.end_date is None


def test_admin_of_another_territory_gets_404(world, admin_client_):
    seat_elsewhere = MembershipFactory(body=world.other_body)
    assert admin_client_.get(create_url(world.other_body)).status_code == 404
    response = admin_client_.post(end_url(seat_elsewhere), {"end_date": "2030-01-01"})
    assert response.status_code == 404


def test_members_and_guests_get_403(world, member_client, guest_client, secretary):
    for client in (member_client, guest_client):
        assert client.get(create_url(world.body)).status_code == 403
        response = client.post(create_url(world.body), seat(secretary["person"]))
        assert response.status_code == 403
        response = client.post(end_url(world.member_seat), {"end_date": "2030-01-01"})
        assert response.status_code == 403
        assert client.get(end_url(world.member_seat)).status_code == 403
    assert not BodyMembership.objects.filter(person=secretary["person"]).exists()
    world.member_seat.refresh_from_db()
    assert world.member_seat.end_date is None


def test_wrong_methods_are_refused(world, admin_client_):
    assert admin_client_.put(end_url(world.member_seat)).status_code == 405
    assert admin_client_.put(create_url(world.body)).status_code == 405


# --- Seating a person ----------------------------------------------------------------


def test_admin_seats_a_person_in_one_of_their_positions(world, admin_client_, secretary):
    response = admin_client_.post(
        create_url(world.body), seat(secretary["person"], secretary["second"])
    )
    assert response.status_code == 302
    assert response["Location"] == world.body.get_absolute_url()
    membership = BodyMembership.objects.get(body=world.body, person=secretary["person"])
    assert membership.position == secretary["second"]
    assert membership.start_date == date(2025, 9, 1)
    content = admin_client_.get(world.body.get_absolute_url()).content.decode()
    assert "secrétaire de mairie · Petit-Bourg" in content


def test_the_position_must_be_the_persons(world, admin_client_, secretary):
    # The member's position, offered for the secretary: refused, nothing written.
    response = admin_client_.post(
        create_url(world.body), seat(secretary["person"], world.member_position)
    )
    assert response.status_code == 200
    assert "pas une fonction de la personne choisie" in response.content.decode()
    assert not BodyMembership.objects.filter(person=secretary["person"]).exists()


def test_a_capacity_is_required(world, admin_client_, secretary):
    response = admin_client_.post(create_url(world.body), seat(secretary["person"]))
    assert response.status_code == 200
    assert "Indiquez à quel titre la personne siège" in response.content.decode()


def test_a_guest_sits_with_a_capacity_text(world, admin_client_):
    expert = PersonFactory.create(first_name="Eva", last_name="Experte")
    MembershipFactory(
        body=world.body,
        person=expert,
        start_date=date(2020, 1, 1),
        end_date=date(2020, 12, 31),
    )  # she sat before: she can be chosen
    response = admin_client_.post(
        create_url(world.body),
        seat(expert, capacity="experte mobilité de la région", role=BodyMembership.Role.GUEST),
    )
    assert response.status_code == 302
    membership = BodyMembership.objects.get(person=expert, role=BodyMembership.Role.GUEST)
    assert membership.capacity == "experte mobilité de la région"
    # A guest gets no access to the territory.
    assert not TerritoryMember.objects.filter(person=expert).exists()


def test_people_outside_the_territory_are_not_offered(world, admin_client_):
    content = admin_client_.get(create_url(world.body)).content.decode()
    assert "MEMBRE Marc" in content
    assert "DEHORS Olivier" not in content
    assert "SEUL Lou" not in content
    response = admin_client_.post(
        create_url(world.body), seat(world.lone_person, capacity="curieux")
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_seating_twice_in_the_same_role_is_refused(world, admin_client_):
    response = admin_client_.post(create_url(world.body), seat(world.member, world.member_position))
    assert response.status_code == 200
    assert "siège déjà dans l&#x27;instance avec ce rôle" in response.content.decode()
    assert BodyMembership.objects.filter(body=world.body, person=world.member).count() == 1


def test_form_keeps_values_and_speaks_french(world, admin_client_, secretary):
    response = admin_client_.post(
        create_url(world.body),
        seat(secretary["person"], capacity="représentante", start_date="31/02/2025"),
    )
    content = response.content.decode()
    assert "Saisissez une date valide." in content
    assert 'value="représentante"' in content
    assert f'<option value="{secretary["person"].pk}" selected>' in content
    # After a person is chosen, only their positions are offered.
    assert "secrétaire de mairie · Petit-Bourg" in content
    assert "directeur·rice général·e des services · Saint-Essai" not in content


def test_without_javascript_every_position_is_offered_grouped_by_person(
    world, admin_client_, secretary
):
    content = admin_client_.get(create_url(world.body)).content.decode()
    assert '<optgroup label="Sophie Secrétaire">' in content
    assert '<optgroup label="Marc Membre">' in content
    assert "secrétaire de mairie · Petit-Bourg" in content


def test_htmx_narrows_the_positions_to_the_chosen_person(world, admin_client_, secretary):
    response = admin_client_.get(
        create_url(world.body), {"person": secretary["person"].pk}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert content.startswith('<div id="champ-position">')
    assert "secrétaire de mairie · Petit-Bourg" in content
    assert "secrétaire de mairie · Saint-Essai" in content
    assert "Saint-Essai" in content
    assert "directeur·rice général·e des services" not in content
    assert "optgroup" not in content


def test_person_select_asks_htmx_for_their_positions(world, admin_client_):
    content = admin_client_.get(create_url(world.body)).content.decode()
    assert f'hx-get="{create_url(world.body)}"' in content
    assert 'hx-target="#champ-position"' in content


# --- Ending a membership ---------------------------------------------------------------


def test_admin_ends_a_membership(world, admin_client_):
    yesterday = timezone.localdate() - timedelta(days=1)
    world.member_seat.start_date = date(2020, 1, 1)
    world.member_seat.save()
    response = admin_client_.post(end_url(world.member_seat), {"end_date": yesterday.isoformat()})
    assert response.status_code == 302
    assert response["Location"] == world.body.get_absolute_url()
    world.member_seat.refresh_from_db()
    assert world.member_seat.end_date == yesterday
    content = admin_client_.get(world.body.get_absolute_url()).content.decode()
    past = content[content.index('id="anciens-membres"') :]
    assert "Marc Membre" in past


def test_ending_a_membership_is_never_one_click(world, admin_client_):
    """The body page only links to a page that asks for the date and a confirmation."""
    body_page = admin_client_.get(world.body.get_absolute_url()).content.decode()
    url = end_url(world.member_seat)
    assert f'action="{url}"' not in body_page
    assert f'href="{url}"' in body_page
    page = admin_client_.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Marc Membre" in content
    assert f'value="{timezone.localdate().isoformat()}"' in content  # today by default
    assert "Mettre fin à la participation</button>" in content
    world.member_seat.refresh_from_db()
    assert world.member_seat.end_date is None


def test_end_before_start_is_refused_in_french(world, admin_client_):
    world.member_seat.start_date = date(2024, 3, 1)
    world.member_seat.save()
    response = admin_client_.post(end_url(world.member_seat), {"end_date": "2023-01-01"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "ne peut pas précéder la date de début (1er mars 2024)" in content
    assert 'value="2023-01-01"' in content
    world.member_seat.refresh_from_db()
    assert world.member_seat.end_date is None


def test_membership_end_appears_in_the_body_history(world, admin_client_):
    world.member_seat.start_date = date(2020, 1, 1)
    world.member_seat.save()
    admin_client_.post(end_url(world.member_seat), {"end_date": "2025-06-30"})
    content = admin_client_.get(reverse("bodies:history", args=[world.body.pk])).content.decode()
    assert "2025-06-30" in content or "30 juin 2025" in content
    assert "Adèle Admin" in content
