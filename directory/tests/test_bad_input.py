"""Bad input that broke things (issue 9): `next=abc` on an invitation's cancellation (a
500 after the write), control characters and right-to-left overrides in names."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.mail import BadHeaderError, EmailMultiAlternatives
from django.urls import reverse

from accounts.models import Invitation
from accounts.tests.factories import invitation_with_token
from directory.tests.test_invite import _territory_data
from directory.tests.test_profile import _data as _profile_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", ["abc", "javascript:alert(1)", "//evil.example/"])
def test_an_invalid_next_after_a_cancellation_goes_to_the_invitations(admin_client_, world, target):
    invitation, _token = invitation_with_token(territory=world.territory, invited_by=world.admin)
    url = reverse("people:invitation_revoke", args=[invitation.pk])
    response = admin_client_.post(url, {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:invite_to_territory", args=[world.territory.pk])
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


@pytest.mark.parametrize("name", ["Marc\nBcc: x@example.fr", "Ma\rrc", "Ma\x00rc", "Ma\x1brc"])
def test_a_control_character_in_a_name_is_refused_in_french(member_client, world, name):
    response = member_client.post(reverse("people:profile"), _profile_data(first_name=name))
    assert response.status_code == 200
    page = response.content.decode()
    assert "tient sur une ligne" in page or "caractère nul n’est pas autorisé" in page
    world.member.refresh_from_db()
    assert world.member.first_name == "Marc"


def test_a_right_to_left_override_is_stripped_from_a_name(member_client, world):
    response = member_client.post(
        reverse("people:profile"), _profile_data(first_name="\u202eMarc\u2066", last_name="Membre")
    )
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert world.member.first_name == "Marc"


def test_an_invitation_whose_mail_is_refused_records_nothing(admin_client_, world):
    url = reverse("people:invite_to_territory", args=[world.territory.pk])
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=BadHeaderError("x")):
        response = admin_client_.post(url, _territory_data())
    assert response.status_code == 200
    assert "pas pu être envoyé" in response.content.decode()
    assert not Invitation.objects.filter(email="nouvelle.dgs@example.fr").exists()


def test_a_line_break_in_an_invited_name_is_refused(admin_client_, world):
    url = reverse("people:invite_to_territory", args=[world.territory.pk])
    response = admin_client_.post(url, _territory_data(last_name="Nouvelle\r\nBcc: x@ex.fr"))
    assert response.status_code == 200
    assert "tient sur une ligne" in response.content.decode()
    assert not Invitation.objects.exists()
