"""Sending and revoking invitations: only a territory's administrators may."""

from __future__ import annotations

import smtplib

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, hash_token
from accounts.tests.factories import InvitationFactory, invitation_with_token
from bodies.models import BodyMembership
from directory.selectors import pending_invitations_for_territory
from territories.models import Position

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory_url(world):
    return reverse("people:invite_to_territory", args=[world.territory.pk])


@pytest.fixture
def body_url(world):
    return reverse("people:invite_to_body", args=[world.body.pk])


def _territory_data(**overrides):
    data = {
        "email": "Nouvelle.DGS@example.fr",
        "first_name": "Nadia",
        "last_name": "Nouvelle",
        "organisation": "",
        "function": "",
        "territory_role": "member",
        "message": "",
    }
    return {**data, **overrides}


def _body_data(**overrides):
    data = {
        "email": "expert@example.fr",
        "first_name": "Éric",
        "last_name": "Expert",
        "body_role": "guest",
        "organisation": "",
        "function": "",
        "message": "",
    }
    return {**data, **overrides}


# Access


def test_admin_sees_the_territory_invitation_form(admin_client_, territory_url):
    response = admin_client_.get(territory_url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Inviter une personne dans le territoire" in content
    assert "Aucune invitation en attente" in content


def test_admin_sees_the_body_invitation_form(admin_client_, body_url):
    response = admin_client_.get(body_url)
    assert response.status_code == 200
    assert "Rôle dans l&#x27;instance" in response.content.decode()


@pytest.mark.parametrize("url_fixture", ["territory_url", "body_url"])
def test_member_who_is_not_admin_gets_403(member_client, url_fixture, request):
    url = request.getfixturevalue(url_fixture)
    assert member_client.get(url).status_code == 403
    assert member_client.post(url, _territory_data()).status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("url_fixture", ["territory_url", "body_url"])
def test_outsider_gets_404(outsider_client, url_fixture, request):
    assert outsider_client.get(request.getfixturevalue(url_fixture)).status_code == 404


def test_guest_of_the_body_gets_403_on_the_body_and_404_on_the_territory(
    guest_client, territory_url, body_url
):
    assert guest_client.get(body_url).status_code == 403
    assert guest_client.get(territory_url).status_code == 404


@pytest.mark.parametrize("url_fixture", ["territory_url", "body_url"])
def test_anonymous_is_sent_to_login(client, url_fixture, request):
    response = client.get(request.getfixturevalue(url_fixture))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("url_fixture", ["territory_url", "body_url"])
def test_invite_refuses_put(admin_client_, url_fixture, request):
    assert admin_client_.put(request.getfixturevalue(url_fixture)).status_code == 405


# Sending


def test_admin_sends_a_territory_invitation_by_french_mail(
    admin_client_, world, territory_url, settings
):
    settings.SITE_URL = "https://codir.example.fr"
    data = _territory_data(
        organisation=world.commune.pk,
        function=Position.Function.SECRETARY,
        territory_role="admin",
        message="Bienvenue parmi nous !",
    )
    response = admin_client_.post(territory_url, data)
    assert response.status_code == 302
    assert response["Location"] == territory_url

    invitation = Invitation.objects.get()
    assert invitation.email == "nouvelle.dgs@example.fr"
    assert invitation.territory == world.territory
    assert invitation.organisation == world.commune
    assert invitation.function == Position.Function.SECRETARY
    assert invitation.territory_role == "admin"
    assert invitation.invited_by == world.admin
    assert invitation.is_usable

    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    assert message.to == ["nouvelle.dgs@example.fr"]
    assert message.reply_to == ["admin@example.fr"]
    assert message.subject == "Invitation à rejoindre « CC du Pays Test » sur Codir"
    assert "Bonjour Nadia" in message.body
    assert "Adèle Admin vous invite à rejoindre le territoire" in message.body
    assert "secrétaire de mairie, Saint-Essai" in message.body
    assert "Bienvenue parmi nous !" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Accepter l\u2019invitation" in str(html)

    # The link is absolute, from SITE_URL; only its hash is stored.
    prefix = "https://codir.example.fr/invitation/"
    link = next(line for line in message.body.splitlines() if line.startswith(prefix))
    token = link.removeprefix(prefix).rstrip("/")
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash

    page = admin_client_.get(territory_url).content.decode()
    assert "Invitation envoyée à nouvelle.dgs@example.fr" in page
    assert "nouvelle.dgs@example.fr" in page


def test_sending_is_recorded_in_the_audit_trail(admin_client_, world, territory_url):
    admin_client_.post(territory_url, _territory_data())
    invitation = Invitation.objects.get()
    entry = LogEntry.objects.get_for_object(invitation).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == world.admin
    assert entry.additional_data == {"territory": world.territory.pk}
    assert "token_hash" not in entry.changes_dict


def test_admin_invites_a_guest_to_a_body(admin_client_, world, body_url):
    response = admin_client_.post(body_url, _body_data())
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.body == world.body
    assert invitation.territory == world.territory
    assert invitation.body_role == BodyMembership.Role.GUEST
    message = mail.outbox[0]
    assert message.subject == "Invitation à rejoindre « Conférence des DGS » sur Codir"
    assert "Votre rôle dans l\u2019instance : invité·e" in message.body


def test_email_of_a_territory_member_is_refused_with_the_typed_values_kept(
    admin_client_, territory_url
):
    data = _territory_data(email="MEMBRE@example.fr", first_name="Marcel", message="Coucou")
    response = admin_client_.post(territory_url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Cette personne fait déjà partie du territoire « CC du Pays Test »" in content
    assert 'value="MEMBRE@example.fr"' in content
    assert 'value="Marcel"' in content
    assert "Coucou</textarea>" in content
    assert 'aria-invalid="true"' in content
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_email_of_someone_already_in_the_body_is_refused(admin_client_, body_url):
    response = admin_client_.post(body_url, _body_data(email="invitee@example.fr"))
    assert response.status_code == 200
    assert "siège déjà dans l&#x27;instance" in response.content.decode()
    assert not Invitation.objects.exists()


def test_territory_member_may_be_invited_to_a_body(admin_client_, world, body_url):
    # The administrator sits in no body yet: inviting them to one is legitimate.
    response = admin_client_.post(
        body_url, _body_data(email="admin@example.fr", body_role="member")
    )
    assert response.status_code == 302
    assert Invitation.objects.get().body == world.body


def test_a_second_invitation_to_the_same_address_is_refused(admin_client_, world, territory_url):
    InvitationFactory(territory=world.territory, email="nouvelle.dgs@example.fr")
    response = admin_client_.post(territory_url, _territory_data(first_name="Nadège"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "attend encore sa réponse" in content
    assert 'value="Nadège"' in content
    assert Invitation.objects.count() == 1


def test_an_expired_invitation_does_not_block_a_new_one(admin_client_, world, territory_url):
    InvitationFactory(territory=world.territory, email="nouvelle.dgs@example.fr")
    Invitation.objects.update(expires_at=timezone.now())
    response = admin_client_.post(territory_url, _territory_data())
    assert response.status_code == 302
    assert Invitation.objects.count() == 2


def test_organisation_without_function_is_refused(admin_client_, world, territory_url):
    response = admin_client_.post(territory_url, _territory_data(organisation=world.commune.pk))
    assert response.status_code == 200
    assert "Choisissez la fonction" in response.content.decode()
    assert not Invitation.objects.exists()


def test_organisation_of_another_territory_is_refused(admin_client_, world, territory_url):
    data = _territory_data(organisation=world.other_commune.pk, function="dgs")
    response = admin_client_.post(territory_url, data)
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_a_guest_cannot_be_given_a_function(admin_client_, world, body_url):
    data = _body_data(organisation=world.commune.pk, function="expert")
    response = admin_client_.post(body_url, data)
    assert response.status_code == 200
    assert "Un invité ne reçoit pas de fonction" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_failed_mail_records_nothing(admin_client_, territory_url, monkeypatch):
    def fail(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", fail)
    response = admin_client_.post(territory_url, _territory_data())
    assert response.status_code == 200
    assert "n&#x27;a pas pu être envoyé" in response.content.decode()
    assert not Invitation.objects.exists()


# Pending list and revocation


def test_pending_list_shows_only_pending_invitations_of_the_territory(
    world, django_assert_num_queries
):
    pending = InvitationFactory(territory=world.territory, body=world.body, body_role="guest")
    InvitationFactory(territory=world.territory, revoked_at=timezone.now())
    InvitationFactory(territory=world.territory, accepted_at=timezone.now())
    InvitationFactory(territory=world.other_territory)
    # One query, body and inviter included.
    with django_assert_num_queries(1):
        invitations = list(pending_invitations_for_territory(world.territory))
        assert [i.body for i in invitations] == [world.body]
    assert invitations == [pending]


@pytest.fixture
def pending(world):
    invitation, token = invitation_with_token(territory=world.territory, invited_by=world.admin)
    return invitation, token


def test_admin_revokes_an_invitation_and_its_link_stops_working(
    admin_client_, client, world, pending, territory_url
):
    invitation, token = pending
    url = reverse("people:invitation_revoke", args=[invitation.pk])
    response = admin_client_.post(url, {"next": territory_url})
    assert response["Location"] == territory_url
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    entry = LogEntry.objects.get_for_object(invitation).latest("timestamp")
    assert entry.actor == world.admin
    assert "revoked_at" in entry.changes_dict

    response = client.get(reverse("people:invitation_accept", args=[token]))
    assert response.status_code == 410
    assert "Cette invitation a été annulée" in response.content.decode()


def test_the_revoke_message_names_whom_the_invitation_was_for(admin_client_, pending):
    # Not "L'invitation de x@…" (which reads as its sender): "adressée à", by name.
    invitation, _token = pending
    Invitation.objects.filter(pk=invitation.pk).update(first_name="Ève", last_name="Marchal")
    url = reverse("people:invitation_revoke", args=[invitation.pk])
    content = admin_client_.post(url, follow=True).content.decode()
    assert f"L’invitation adressée à Ève Marchal ({invitation.email}) est annulée" in content
    assert "L&#x27;invitation de" not in content and "L’invitation de" not in content


def test_the_revoke_message_gives_the_address_when_no_name_is_known(admin_client_, pending):
    invitation, _token = pending
    Invitation.objects.filter(pk=invitation.pk).update(first_name="", last_name="")
    url = reverse("people:invitation_revoke", args=[invitation.pk])
    content = admin_client_.post(url, follow=True).content.decode()
    assert f"L’invitation adressée à {invitation.email} est annulée" in content


def test_revoke_ignores_a_next_to_another_site(admin_client_, pending, territory_url):
    invitation, _token = pending
    url = reverse("people:invitation_revoke", args=[invitation.pk])
    response = admin_client_.post(url, {"next": "https://ailleurs.example.com/"})
    assert response["Location"] == territory_url


def test_an_accepted_invitation_cannot_be_revoked(admin_client_, world, pending):
    invitation, _token = pending
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    response = admin_client_.post(
        reverse("people:invitation_revoke", args=[invitation.pk]), follow=True
    )
    assert "déjà été acceptée" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_member_cannot_revoke(member_client, pending):
    invitation, _token = pending
    url = reverse("people:invitation_revoke", args=[invitation.pk])
    assert member_client.post(url).status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_outsider_cannot_revoke(outsider_client, pending):
    invitation, _token = pending
    url = reverse("people:invitation_revoke", args=[invitation.pk])
    assert outsider_client.post(url).status_code == 404


def test_anonymous_revoke_is_sent_to_login(client, pending):
    invitation, _token = pending
    response = client.post(reverse("people:invitation_revoke", args=[invitation.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_revoke_refuses_get(admin_client_, pending):
    invitation, _token = pending
    url = reverse("people:invitation_revoke", args=[invitation.pk])
    assert admin_client_.get(url).status_code == 405
