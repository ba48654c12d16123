"""Password reset by e-mail and password change."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from accounts.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-tout-nouveau-secret-73"


def _reset_link(body: str) -> str:
    match = re.search(r"https://codir\.example\.fr(/mot-de-passe/nouveau/\S+/)", body)
    assert match, body
    return match.group(1)


def test_reset_form_renders(client):
    response = client.get(reverse("accounts:password_reset"))
    assert response.status_code == 200
    assert "Mot de passe oublié" in response.content.decode()


def test_reset_sends_a_french_mail_and_the_link_sets_a_new_password(client, world, settings):
    settings.SITE_URL = "https://codir.example.fr"
    response = client.post(reverse("accounts:password_reset"), {"email": "MEMBRE@example.fr"})
    assert response["Location"] == reverse("accounts:password_reset_done")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    assert message.to == ["membre@example.fr"]
    assert message.subject == "Codir : choisir un nouveau mot de passe"
    assert "Bonjour Marc" in message.body
    assert "valable 24 heures" in message.body
    assert message.alternatives[0][1] == "text/html"

    # Django first swaps the token for a session entry, then shows the form.
    response = client.get(_reset_link(str(message.body)))
    assert response.status_code == 302
    form_url = response["Location"]
    response = client.get(form_url)
    assert response.status_code == 200
    assert "Nouveau mot de passe" in response.content.decode()
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("accounts:password_reset_complete")

    world.member.refresh_from_db()
    assert world.member.check_password(NEW_PASSWORD)
    # The link is single use.
    response = client.get(_reset_link(str(message.body)), follow=True)
    assert "plus valable" in response.content.decode()


def test_reset_does_not_reveal_whether_an_address_exists(client, world):
    known = client.post(reverse("accounts:password_reset"), {"email": "membre@example.fr"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "personne@nulle.part"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    done = client.get(known["Location"])
    assert "Si un compte correspond à cette adresse" in done.content.decode()


def test_reset_refuses_put(client):
    assert client.put(reverse("accounts:password_reset")).status_code == 405


def test_password_change_needs_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_member_changes_their_password(member_client, world):
    response = member_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    world.member.refresh_from_db()
    assert world.member.check_password(NEW_PASSWORD)
    done = member_client.get(response["Location"])
    assert done.status_code == 200
    assert "vous restez connecté" in done.content.decode()


def test_password_change_refuses_put(member_client):
    assert member_client.put(reverse("accounts:password_change")).status_code == 405
