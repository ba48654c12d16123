"""The legal pages: public, linked from every page's footer, filled from settings; the
purge of connection records keeps what is recent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from legal.retention import purge_connections

pytestmark = pytest.mark.django_db

PAGES = ("legal:accessibility", "legal:legal_notice", "legal:personal_data")


@pytest.mark.parametrize("name", PAGES)
def test_page_is_public_and_linked_from_the_footer(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 200
    # The login page (the only page a stranger sees) links to the three of them.
    login = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse(name)}"' in login


@pytest.mark.parametrize("name", PAGES)
def test_page_refuses_post(client: Client, name: str) -> None:
    assert client.post(reverse(name)).status_code == 405


def test_member_pages_link_to_them_too(world: World, member_client: Client) -> None:
    content = member_client.get(reverse("home:home")).content.decode()
    for name in PAGES:
        assert f'href="{reverse(name)}"' in content
    assert "Accessibilité\u00a0: non conforme" in content


def test_statement_says_the_status_method_and_recourse(client: Client, settings: object) -> None:
    content = client.get(reverse("legal:accessibility")).content.decode()
    assert "<strong>Codir est non conforme</strong>" in content
    assert "RGAA" in content and "4.1" in content
    assert "axe-core" in content and "6 décembre 2026" in content
    assert "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07" in content
    assert "formulaire.defenseurdesdroits.fr" in content


def test_notice_is_filled_from_settings(client: Client, settings: object) -> None:
    settings.CODIR_PUBLISHER_NAME = "Communauté de communes du Pays des Achards"  # type: ignore[attr-defined]
    settings.CODIR_PUBLISHER_EMAIL = "contact@achards.example"  # type: ignore[attr-defined]
    settings.CODIR_HOST_NAME = "Hébergeur SAS"  # type: ignore[attr-defined]
    content = client.get(reverse("legal:legal_notice")).content.decode()
    assert "Communauté de communes du Pays des Achards" in content
    assert "mailto:contact@achards.example" in content and "Hébergeur SAS" in content
    # The accessibility and privacy addresses default to the publisher's.
    statement = client.get(reverse("legal:accessibility")).content.decode()
    assert "mailto:contact@achards.example" in statement


def test_personal_data_page_gives_the_periods_from_settings(
    client: Client, settings: object
) -> None:
    settings.CODIR_CONNECTION_LOG_DAYS = 90  # type: ignore[attr-defined]
    content = client.get(reverse("legal:personal_data")).content.decode()
    assert "90 jours, puis effacées chaque jour" in content
    assert "14 jours au plus" in content  # Django's session age: two weeks


def test_english_visitors_are_told_the_text_is_french(client: Client) -> None:
    client.cookies["django_language"] = "en"
    content = client.get(reverse("legal:accessibility")).content.decode()
    assert 'lang="fr"' in content
    assert "French regulatory text" in content


def test_purge_deletes_old_connection_records_and_expired_sessions() -> None:
    old = timezone.now() - timedelta(days=200)
    recent = AccessLog.objects.create(username="a@example.fr", ip_address="10.0.0.1")
    stale = AccessLog.objects.create(username="b@example.fr", ip_address="10.0.0.2")
    AccessLog.objects.filter(pk=stale.pk).update(attempt_time=old)
    attempt = AccessAttempt.objects.create(
        username="c", ip_address="10.0.0.3", failures_since_start=1
    )
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=old)
    live = SessionStore()
    live.create()
    expired = SessionStore()
    expired.set_expiry(-10)
    expired.create()
    purged = purge_connections()
    assert (purged.logins, purged.attempts, purged.sessions) == (1, 1, 1)
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_purge_command_reports_what_it_deleted(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("purge_connections")
    assert "Sessions expirées\u00a0: 0" in capsys.readouterr().out


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_accessibility_contact_reads_au_not_a_le(
    client: Client, settings: object, language: str
) -> None:
    """ "écrivez au Syndicat", never "écrivez à Le Syndicat", whatever the interface's
    language (the statement itself is only published in French)."""
    settings.CODIR_PUBLISHER_NAME = "Le Syndicat mixte du Marais"  # type: ignore[attr-defined]
    content = client.get(reverse("legal:accessibility"), HTTP_ACCEPT_LANGUAGE=language)
    text = content.content.decode()
    assert "écrivez au Syndicat mixte du Marais pour" in text
    assert "à Le Syndicat" not in text
    assert ('<p class="lead" lang="en">' in text) == (language == "en")
