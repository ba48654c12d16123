"""Accepting an invitation: a new person signs up, an existing one confirms; the
link works once, never after expiry or revocation, and a failure writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Person
from accounts.selectors import InvitationState
from accounts.tests.factories import DEFAULT_PASSWORD, invitation_with_token
from bodies.models import BodyMembership
from directory import invitations as services
from territories.models import Position, TerritoryMember

pytestmark = pytest.mark.django_db

PASSWORD = "un-secret-bien-long-58"


def _accept_url(token: str) -> str:
    return reverse("people:invitation_accept", args=[token])


def _signup(client, token, **overrides):
    data = {
        "first_name": "Nina",
        "last_name": "Nouvelle",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post(_accept_url(token), data)


# New person, end to end


def test_new_person_signs_up_from_the_mailed_link(admin_client_, client, world, settings):
    settings.SITE_URL = "https://codir.example.fr"
    admin_client_.post(
        reverse("people:invite_to_territory", args=[world.territory.pk]),
        {
            "email": "nina@example.fr",
            "first_name": "Nina",
            "last_name": "Nouvelle",
            "organisation": world.commune.pk,
            "function": Position.Function.DGS,
            "territory_role": "member",
            "message": "",
        },
    )
    prefix = "https://codir.example.fr"
    link = next(line for line in mail.outbox[0].body.splitlines() if line.startswith(prefix + "/"))
    token = link.removeprefix(prefix + "/invitation/").rstrip("/")

    page = client.get(link.removeprefix(prefix))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Créez votre compte" in content
    assert 'value="Nina"' in content  # prefilled from the invitation
    assert "nina@example.fr" in content

    response = _signup(client, token, last_name="Nouvelle-Martin")
    assert response.status_code == 302
    assert response["Location"] == world.territory.get_absolute_url()

    person = Person.objects.get(email="nina@example.fr")
    assert person.last_name == "Nouvelle-Martin"
    assert person.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(person.pk)
    assert TerritoryMember.objects.filter(territory=world.territory, person=person).exists()
    position = Position.objects.get(person=person)
    assert (position.organisation, position.function) == (world.commune, "dgs")
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == person
    assert invitation.accepted_at is not None

    assert client.get(world.territory.get_absolute_url()).status_code == 200


def test_signup_refuses_a_weak_or_mismatched_password(client, world):
    invitation, token = invitation_with_token(territory=world.territory)
    response = _signup(client, token, password1="12345678", password2="12345678")
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    response = _signup(client, token, password2="autre-chose-encore-99")
    assert "ne sont pas identiques" in response.content.decode()
    assert not Person.objects.filter(email=invitation.email).exists()


def test_signup_with_an_admin_role_makes_an_administrator(client, world):
    invitation, token = invitation_with_token(territory=world.territory, territory_role="admin")
    _signup(client, token)
    access = TerritoryMember.objects.get(person__email=invitation.email)
    assert access.role == TerritoryMember.Role.ADMIN


def test_a_failure_while_accepting_leaves_nothing_behind(client, world, monkeypatch):
    invitation, token = invitation_with_token(
        territory=world.territory,
        organisation=world.commune,
        function="dgs",
        body=world.body,
        body_role="member",
    )

    def refuse(**kwargs):
        raise ValidationError("L'instance refuse ce membre.")

    # Fails after the person, the access and the position were written.
    monkeypatch.setattr(services, "membership_create", refuse)
    response = _signup(client, token)
    assert response.status_code == 200
    assert "L&#x27;instance refuse ce membre." in response.content.decode()
    assert not Person.objects.filter(email=invitation.email).exists()
    assert not TerritoryMember.objects.filter(person__email=invitation.email).exists()
    assert not Position.objects.filter(person__email=invitation.email).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert "_auth_user_id" not in client.session


# A guest


def test_a_guest_sees_the_body_but_not_the_territory(client, world):
    _invitation, token = invitation_with_token(
        territory=world.territory, body=world.body, body_role="guest"
    )
    response = _signup(client, token)
    assert response["Location"] == world.body.get_absolute_url()
    person = Person.objects.get(email=_invitation.email)
    assert BodyMembership.objects.get(person=person).role == BodyMembership.Role.GUEST
    assert not TerritoryMember.objects.filter(person=person).exists()
    assert client.get(world.body.get_absolute_url()).status_code == 200
    assert client.get(world.territory.get_absolute_url()).status_code == 404


def test_a_guest_seat_keeps_the_capacity_written_in_the_invitation(client, world):
    _invitation, token = invitation_with_token(
        territory=world.territory,
        body=world.body,
        body_role="guest",
        capacity="experte en co-développement",
    )
    _signup(client, token)
    seat = BodyMembership.objects.get(person__email=_invitation.email)
    assert seat.capacity_label == "experte en co-développement"


# An existing person


@pytest.fixture
def body_invitation_for_admin(world):
    return invitation_with_token(
        territory=world.territory,
        email="admin@example.fr",
        body=world.body,
        body_role="facilitator",
        invited_by=world.member,
    )


def test_existing_person_not_logged_in_is_sent_to_login_then_back(
    client, body_invitation_for_admin
):
    _invitation, token = body_invitation_for_admin
    response = client.get(_accept_url(token))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=" in response["Location"]
    login = client.post(
        response["Location"],
        {"username": "admin@example.fr", "password": DEFAULT_PASSWORD, "next": _accept_url(token)},
    )
    assert login["Location"] == _accept_url(token)


def test_existing_person_accepts_in_one_click(admin_client_, world, body_invitation_for_admin):
    invitation, token = body_invitation_for_admin
    page = admin_client_.get(_accept_url(token))
    assert page.status_code == 200
    assert "Accepter l\u2019invitation" in page.content.decode()
    assert not BodyMembership.objects.filter(person=world.admin).exists()

    response = admin_client_.post(_accept_url(token))
    assert response["Location"] == world.body.get_absolute_url()
    membership = BodyMembership.objects.get(person=world.admin, body=world.body)
    assert membership.role == BodyMembership.Role.FACILITATOR
    invitation.refresh_from_db()
    assert invitation.accepted_by == world.admin
    # An existing admin access is never lowered.
    access = TerritoryMember.objects.get(person=world.admin, territory=world.territory)
    assert access.role == TerritoryMember.Role.ADMIN


def test_someone_else_logged_in_is_told_to_switch_account(member_client, body_invitation_for_admin):
    _invitation, token = body_invitation_for_admin
    response = member_client.get(_accept_url(token))
    assert response.status_code == 403
    assert "adressée à une autre personne" in response.content.decode()
    assert member_client.post(_accept_url(token)).status_code == 403
    assert not BodyMembership.objects.filter(role="facilitator").exists()


def test_invitation_for_another_email_is_refused_by_the_service(world):
    invitation, _token = invitation_with_token(territory=world.territory, email="x@example.fr")
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, person=world.member)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


# Unusable links


def test_unknown_link_gets_404_with_advice(client, world):
    response = client.get(_accept_url("pas-un-vrai-jeton"))
    assert response.status_code == 404
    content = response.content.decode()
    assert "Ce lien d\u2019invitation n\u2019est pas valable" in content
    assert "Demandez une nouvelle invitation" in content


def test_expired_link_gets_410_with_advice(client, world):
    invitation, token = invitation_with_token(territory=world.territory, invited_by=world.admin)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(_accept_url(token))
    assert response.status_code == 410
    content = response.content.decode()
    assert "Cette invitation a expiré" in content
    assert "Demandez une nouvelle invitation à Adèle Admin" in content
    assert _signup(client, token).status_code == 410
    assert not Person.objects.filter(email=invitation.email).exists()


def test_revoked_link_gets_410(client, world):
    invitation, token = invitation_with_token(territory=world.territory, revoked_at=timezone.now())
    assert client.get(_accept_url(token)).status_code == 410
    assert _signup(client, token).status_code == 410
    assert not Person.objects.filter(email=invitation.email).exists()


def test_reused_link_gets_410(client, world):
    invitation, token = invitation_with_token(territory=world.territory)
    assert _signup(client, token).status_code == 302
    other = Client()
    response = other.get(_accept_url(token))
    assert response.status_code == 410
    assert "déjà été acceptée" in response.content.decode()
    assert Person.objects.filter(email=invitation.email).count() == 1


def test_accepting_twice_applies_once(world):
    invitation, _token = invitation_with_token(
        territory=world.territory, email="admin@example.fr", body=world.body, body_role="member"
    )
    stale_copy = Invitation.objects.get(pk=invitation.pk)
    services.invitation_accept(invitation=invitation, person=world.admin)
    # A second request holding the same, now stale, row (the race of a double click).
    with pytest.raises(services.InvitationUnusableError) as raised:
        services.invitation_accept(invitation=stale_copy, person=world.admin)
    assert raised.value.state is InvitationState.USED
    assert BodyMembership.objects.filter(person=world.admin, body=world.body).count() == 1


def test_a_used_link_posted_again_by_its_person_gets_410(admin_client_, world):
    _invitation, token = invitation_with_token(
        territory=world.territory, email="admin@example.fr", body=world.body, body_role="member"
    )
    assert admin_client_.post(_accept_url(token)).status_code == 302
    assert admin_client_.post(_accept_url(token)).status_code == 410


def test_accept_refuses_put(client, world):
    _invitation, token = invitation_with_token(territory=world.territory)
    assert client.put(_accept_url(token)).status_code == 405
