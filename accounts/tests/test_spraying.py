"""Password spraying (issue 9): one address that tries many accounts with one wrong
password each is locked out (accounts/throttle.py), while the account and address pair
keeps its own, lower limit and people elsewhere log in as usual."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

SPRAYER = "203.0.113.7"


def test_one_address_trying_30_accounts_is_locked_out(world, settings):
    settings.AXES_ENABLED = True
    url = reverse("accounts:login")
    people = [PersonFactory.create(email=f"agent{n}@example.fr") for n in range(30)]
    sprayer = Client(REMOTE_ADDR=SPRAYER)
    statuses = [
        sprayer.post(url, {"username": person.email, "password": "Printemps2026!"}).status_code
        for person in people
    ]
    limit = settings.CODIR_AXES_ADDRESS_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(statuses[limit:]) == {429}
    # Locked even with a right password, from that address.
    response = sprayer.post(url, {"username": "membre@example.fr", "password": DEFAULT_PASSWORD})
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    # Someone at another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.20")
    response = other.post(url, {"username": "membre@example.fr", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert other.session["_auth_user_id"] == str(world.member.pk)


def test_a_few_typos_at_one_address_lock_no_one_else(world, settings):
    settings.AXES_ENABLED = True
    url = reverse("accounts:login")
    office = Client(REMOTE_ADDR=SPRAYER)
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        office.post(url, {"username": f"collegue{n}@example.fr", "password": "faux"})
    response = office.post(url, {"username": "membre@example.fr", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
