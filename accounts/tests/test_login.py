"""Login, logout and the django-axes lock-out page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_is_in_french(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Adresse électronique" in content
    assert "Mot de passe oublié" in content


@pytest.mark.parametrize("typed", ["membre@example.fr", "MEMBRE@Example.FR", " Membre@example.fr "])
def test_login_works_with_the_email_in_any_case(client, world, typed):
    response = client.post(
        reverse("accounts:login"), {"username": typed, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home:home")
    assert client.session["_auth_user_id"] == str(world.member.pk)


def test_login_follows_next(client, world):
    target = reverse("people:profile")
    response = client.post(
        reverse("accounts:login") + f"?next={target}",
        {"username": "membre@example.fr", "password": DEFAULT_PASSWORD, "next": target},
    )
    assert response["Location"] == target


def test_wrong_password_says_so_in_french_and_keeps_the_address(client, world):
    response = client.post(
        reverse("accounts:login"), {"username": "membre@example.fr", "password": "faux"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Adresse électronique ou mot de passe incorrect" in content
    assert 'value="membre@example.fr"' in content
    assert "_auth_user_id" not in client.session


def test_logged_in_person_is_sent_home_from_login(member_client):
    response = member_client.get(reverse("accounts:login"))
    assert response.status_code == 302


def test_logout_logs_out_on_post(member_client):
    response = member_client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in member_client.session


def test_logout_refuses_get(member_client):
    assert member_client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in member_client.session


def test_login_refuses_put(client):
    assert client.put(reverse("accounts:login")).status_code == 405


def test_repeated_failures_lock_the_address_with_a_french_page(client, world, settings):
    settings.AXES_ENABLED = True
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "membre@example.fr", "password": "faux"})
    assert response.status_code == 429
    # Locked even with the right password, in any case.
    response = client.post(url, {"username": "Membre@example.fr", "password": DEFAULT_PASSWORD})
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    assert "1 heure" in response.content.decode()
    assert "_auth_user_id" not in client.session
