"""The parity page on a known data set (figures checked by hand), its period form, its
CSV files, who reaches it, its query count, and the hints on the meetings' pages."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, local_datetime

pytestmark = pytest.mark.django_db


def _csv(response: Any) -> list[list[str]]:
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_member_sees_the_figures_checked_by_hand(
    world: World, known: dict[str, Any], member_client: Client
) -> None:
    response = member_client.get(reverse("parity:body", args=[world.body.pk]))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.gini == pytest.approx(20 / 42)
    assert report.equal_share == pytest.approx(1 / 3)
    assert [(row.label, row.total) for row in report.organisations] == [
        ("CC du Pays Test", 10),
        ("Saint-Essai", 4),
        ("Petit-Bourg", 0),
    ]
    assert [round(row.share, 3) for row in report.organisations] == [0.714, 0.286, 0.0]
    sizes = {row.label: (row.organisations, row.total) for row in report.size_classes}
    assert sizes == {
        "moins de 500 habitants": (1, 0),
        "500 à 1 999 habitants": (1, 4),
        "10 000 à 49 999 habitants": (1, 10),
    }
    assert [o.name for o in report.quiet["proposed"]] == ["Petit-Bourg"]
    assert [o.name for o in report.quiet["hosted"]] == ["Petit-Bourg"]
    page = response.content.decode()
    assert "0,48" in page
    assert "part égale (33\u202f%)" in page


def test_csv_of_organisations(world: World, known: dict[str, Any], member_client: Client) -> None:
    response = member_client.get(reverse("parity:csv", args=[world.body.pk, "organisations"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0][:4] == ["Organisation", "Taille", "points proposés", "points présentés"]
    epci = rows[1]
    # proposed, presented, facilitated, secretary, hosted … then the total and the share.
    assert epci[:7] == ["CC du Pays Test", "10 000 à 49 999 habitants", "3", "3", "1", "2", "1"]
    assert epci[-2:] == ["10", "71,4\u202f%"]
    assert [row[0] for row in rows[1:]] == ["CC du Pays Test", "Saint-Essai", "Petit-Bourg"]


def test_csv_of_each_table_and_unknown_table(
    world: World, known: dict[str, Any], member_client: Client
) -> None:
    for table in ("parts", "tendance", "personnes", "tailles", "silencieuses"):
        response = member_client.get(reverse("parity:csv", args=[world.body.pk, table]))
        assert response.status_code == 200, table
        assert len(_csv(response)) > 1
    parts = _csv(member_client.get(reverse("parity:csv", args=[world.body.pk, "parts"])))
    assert parts[1] == ["CC du Pays Test", "71\u202f%"]
    missing = member_client.get(reverse("parity:csv", args=[world.body.pk, "inconnu"]))
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-06-01", "2026-01-01", "La fin de la période doit suivre son début."),
        ("pas-une-date", "2026-01-01", "Saisissez une date valide."),
        ("1990-01-01", "1991-01-01", "Choisissez une date à partir de l’an 2000."),
        ("2001-01-01", "2026-01-01", "Choisissez une période de dix ans au plus."),
    ],
)
def test_a_bad_period_is_refused_and_kept(
    world: World, member_client: Client, start: str, end: str, message: str
) -> None:
    url = reverse("parity:body", args=[world.body.pk])
    response = member_client.get(url, {"start": start, "end": end})
    assert response.status_code == 200
    assert "report" not in response.context
    page = response.content.decode()
    assert message in page
    assert f'value="{start}"' in page
    bad_csv = member_client.get(
        reverse("parity:csv", args=[world.body.pk, "organisations"]), {"start": start, "end": end}
    )
    assert bad_csv.status_code == 400


def test_a_chosen_period(world: World, known: dict[str, Any], member_client: Client) -> None:
    today = timezone.localdate()
    response = member_client.get(
        reverse("parity:body", args=[world.body.pk]),
        {"start": (today - timedelta(days=45)).isoformat(), "end": today.isoformat()},
    )
    report = response.context["report"]
    # Only the first meeting: the EPCI 2 items + 2 presented + 1 + 1 + 1 = 7, Saint-Essai 2.
    assert [(row.label, row.total) for row in report.organisations][:2] == [
        ("CC du Pays Test", 7),
        ("Saint-Essai", 2),
    ]


def test_outsider_gets_404_and_guest_403(
    world: World, outsider_client: Client, guest_client: Client
) -> None:
    url = reverse("parity:body", args=[world.body.pk])
    assert outsider_client.get(url).status_code == 404
    assert guest_client.get(url).status_code == 403
    assert client_for(world.admin).get(url).status_code == 200
    assert client_for(world.member).post(url).status_code == 405


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_query_count_does_not_grow_with_the_records(
    world: World, known: dict[str, Any], member_client: Client, django_assert_num_queries: Any
) -> None:
    url = reverse("parity:body", args=[world.body.pk])
    before = _count(member_client, url)
    for _ in range(5):
        meeting = MeetingFactory.create(
            body=world.body,
            starts_at=local_datetime(timezone.localdate() - timedelta(days=90)),
            host=known["petit"],
            facilitator=known["paul"],
        )
        AgendaItemFactory.create_batch(3, meeting=meeting, proposed_by=known["paul"])
    assert _count(member_client, url) == before
    # Session, user, the person's bodies and roles (access middleware), the body; the 12
    # activities grouped in one query, the seats, the people and organisations named,
    # the member organisations, the initiatives by quarter in one query: 11, whatever the
    # number of meetings, items and turns.
    with django_assert_num_queries(11):
        member_client.get(url)


def test_body_page_links_for_members_only(
    world: World, member_client: Client, guest_client: Client
) -> None:
    url = reverse("bodies:detail", args=[world.body.pk])
    link = reverse("parity:body", args=[world.body.pk])
    assert link in member_client.get(url).content.decode()
    assert link not in guest_client.get(url).content.decode()


def test_roles_and_agenda_pages_say_who_kept_silent(
    world: World, known: dict[str, Any], admin_client_: Client
) -> None:
    upcoming = MeetingFactory.create(body=world.body, status=Meeting.Status.AGENDA_OPEN)
    roles = admin_client_.get(reverse("meetings:roles", args=[upcoming.pk])).content.decode()
    assert "N’ont pas animé depuis 12 mois : Paul Petit." in roles
    assert "N’ont pas accueilli depuis 12 mois : Petit-Bourg." in roles
    agenda = admin_client_.get(reverse("meetings:agenda", args=[upcoming.pk])).content.decode()
    assert "N’ont pas proposé de point depuis 12 mois : Petit-Bourg." in agenda
