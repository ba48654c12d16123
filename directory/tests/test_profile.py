"""A person edits their own profile, including the relational part."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "people:profile"


def _data(**overrides):
    data = {
        "first_name": "Marc",
        "last_name": "Membre",
        "phone": "02 51 00 00 00",
        "presentation": "Secrétaire de mairie de Saint-Essai, trois jours par semaine.",
        "stakes": "La mutualisation du service urbanisme.",
        "difficulties": "Le temps.",
        "projects": "Un groupement de commandes pour la voirie.",
        "expertise": "Les marchés publics.",
    }
    return {**data, **overrides}


def test_member_sees_their_profile_form(member_client):
    response = member_client.get(reverse(URL))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Profil relationnel" in content
    assert "Ce que je fais" in content
    assert "membre@example.fr" in content


def test_member_saves_their_relational_profile(member_client, world):
    response = member_client.post(reverse(URL), _data())
    assert response["Location"] == reverse(URL)
    world.member.refresh_from_db()
    assert world.member.stakes == "La mutualisation du service urbanisme."
    assert world.member.phone == "02 51 00 00 00"
    entry = LogEntry.objects.get_for_object(world.member).latest("timestamp")
    assert entry.actor == world.member
    assert "stakes" in entry.changes_dict


def test_profile_cannot_change_the_email(member_client, world):
    member_client.post(reverse(URL), _data(email="pirate@example.fr"))
    world.member.refresh_from_db()
    assert world.member.email == "membre@example.fr"


def test_missing_name_is_refused_with_the_typed_values_kept(member_client, world):
    response = member_client.post(reverse(URL), _data(first_name=""))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'aria-invalid="true"' in content
    assert "Les marchés publics." in content
    world.member.refresh_from_db()
    assert world.member.expertise == ""


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_profile_refuses_put(member_client):
    assert member_client.put(reverse(URL)).status_code == 405


def test_a_person_chooses_how_their_roles_are_written(member_client, world):
    # Persons have no gender field: each says how to be named, inclusive by default.
    from bodies.models import BodyMembership
    from bodies.tests.factories import MembershipFactory

    MembershipFactory(body=world.body, person=world.member, role=BodyMembership.Role.FACILITATOR)
    person_url = reverse("people:person_detail", args=[world.member.pk])
    assert "animateur·rice" in member_client.get(person_url).content.decode()
    form = member_client.get(reverse(URL)).content.decode()
    assert "Accord de mes rôles et fonctions" in form
    for choice, written in (("f", "animatrice"), ("m", "animateur<"), ("", "animateur·rice")):
        member_client.post(reverse(URL), _data(agreement=choice))
        world.member.refresh_from_db()
        assert world.member.agreement == choice
        assert written in member_client.get(person_url).content.decode()


def test_an_unknown_agreement_is_refused(member_client, world):
    response = member_client.post(reverse(URL), _data(agreement="x"))
    assert response.status_code == 200
    world.member.refresh_from_db()
    assert world.member.agreement == ""
