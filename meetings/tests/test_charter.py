"""The charter: versions, drafts, adoption (never edited afterwards), and its pages."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import client_for
from meetings.models import DEFAULT_ETHICAL_RULES, Charter
from meetings.selectors import current_charter, draft_charter
from meetings.services import charter_adopt, charter_draft_save
from meetings.tests.factories import CharterFactory

pytestmark = pytest.mark.django_db


def _save(body, **overrides):
    data: dict[str, Any] = {
        "attendance": "Les DGS et secrétaires de mairie.",
        "recurrence": "FREQ=MONTHLY;BYDAY=+2TU",
        "start_time": time(9, 0),
        "end_time": time(11, 30),
        "place_mode": Charter.PlaceMode.ROTATING,
    }
    data.update(overrides)
    return charter_draft_save(body=body, **data)


def _adopt(charter, by, on=date(2026, 1, 15)):
    return charter_adopt(
        charter=charter, adopted_on=on, adopted_by=by, adoption_note="Consentement."
    )


# --- Services ---------------------------------------------------------------------------


def test_first_save_is_a_draft_with_the_five_ethical_rules(world):
    charter = _save(world.body)
    assert charter.version == 1
    assert not charter.is_adopted
    assert charter.ethical_rules == str(DEFAULT_ETHICAL_RULES)
    assert "Parité de la parole" in charter.ethical_rules
    assert current_charter(world.body) is None
    assert draft_charter(world.body) == charter


def test_saving_again_changes_the_draft_not_a_new_version(world):
    first = _save(world.body)
    again = _save(world.body, notice_days=10)
    assert again.pk == first.pk
    assert Charter.objects.filter(body=world.body).count() == 1
    assert again.notice_days == 10


def test_adopted_version_is_never_edited(world):
    v1 = _adopt(_save(world.body), world.admin)
    v2 = _save(world.body, recurrence="FREQ=WEEKLY;BYDAY=MO", notice_days=3)
    assert v2.version == 2 and v2.pk != v1.pk
    v1.refresh_from_db()
    assert v1.recurrence == "FREQ=MONTHLY;BYDAY=+2TU"
    assert v1.notice_days == 7
    assert current_charter(world.body) == v1  # the draft is not in force
    with pytest.raises(ValidationError):
        _adopt(v1, world.admin, on=date(2026, 2, 1))
    v1.refresh_from_db()
    assert v1.adopted_on == date(2026, 1, 15)


def test_adoption_records_who_when_and_how(world):
    charter = _adopt(_save(world.body), world.admin)
    assert charter.adopted_on == date(2026, 1, 15)
    assert charter.adopted_by == world.admin
    assert charter.adoption_note == "Consentement."
    assert current_charter(world.body) == charter


@pytest.mark.parametrize(
    ("adopted_on", "note"),
    [
        (None, "Consentement."),  # in the future (set below)
        (date(2025, 1, 1), "Consentement."),  # before the previous version's adoption
        (date(2026, 3, 1), "  "),  # how it was adopted is required
    ],
)
def test_adoption_refuses_bad_input_and_writes_nothing(world, adopted_on, note):
    _adopt(_save(world.body), world.admin, on=date(2026, 1, 15))
    draft = _save(world.body, notice_days=3)
    adopted_on = adopted_on or timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError):
        charter_adopt(
            charter=draft, adopted_on=adopted_on, adopted_by=world.admin, adoption_note=note
        )
    draft.refresh_from_db()
    assert not draft.is_adopted


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"recurrence": "FREQ=SOMETIMES"}, "recurrence"),
        ({"end_time": time(8, 0)}, "end_time"),
        ({"place_mode": Charter.PlaceMode.FIXED, "fixed_place": ""}, "fixed_place"),
    ],
)
def test_invalid_charter_is_not_saved(world, overrides, field):
    with pytest.raises(ValidationError) as error:
        _save(world.body, **overrides)
    assert field in error.value.message_dict
    assert not Charter.objects.filter(body=world.body).exists()


def test_rhythm_is_in_french_words():
    assert Charter(recurrence="FREQ=MONTHLY;BYDAY=+2TU").rhythm == "le 2e mardi de chaque mois"


# --- Pages ------------------------------------------------------------------------------


def charter_url(body):
    return reverse("meetings:charter", args=[body.pk])


def new_url(body):
    return reverse("meetings:charter_new", args=[body.pk])


def adopt_url(charter):
    return reverse("meetings:charter_adopt", args=[charter.pk])


def version_url(charter):
    return reverse("meetings:charter_version", args=[charter.pk])


def form_data(**overrides):
    data = {
        "attendance": "Les DGS et secrétaires.",
        "standing_guests": "",
        "frequency": "monthly",
        "ordinal": "1",
        "weekday": "TH",
        "interval": "2",
        "start_time": "14:00",
        "end_time": "16:30",
        "place_mode": "rotating",
        "fixed_place": "",
        "notice_days": "8",
        "minutes_writer": "la ou le secrétaire de séance",
        "minutes_review_days": "10",
        "facilitation_mode": "rotating",
        "ethical_rules": "1. Parité.",
    }
    data.update(overrides)
    return data


def _facilitator(world):
    MembershipFactory.create(
        body=world.body, person=world.member, role=BodyMembership.Role.FACILITATOR
    )
    return client_for(world.member)


def test_charter_page_shows_current_draft_and_earlier_versions(world, member_client):
    v1 = CharterFactory.create(body=world.body, version=1, adopted_on=date(2024, 1, 15))
    v2 = CharterFactory.create(
        body=world.body, version=2, adopted_on=date(2025, 1, 15), notice_days=9
    )
    v3 = CharterFactory.create(body=world.body, version=3, adopted_on=None)
    content = member_client.get(charter_url(world.body)).content.decode()
    assert "En vigueur : version 2" in content
    assert "Le 2e mardi de chaque mois" in content
    assert "9 jours avant la réunion" in content
    assert "Projet : version 3" in content
    assert version_url(v3) in content
    assert version_url(v1) in content
    assert adopt_url(v3) not in content  # members do not record adoption
    assert version_url(v2) not in content  # shown in full, not linked
    response = member_client.get(version_url(v1))
    assert response.status_code == 200
    assert "remplacée" in response.content.decode()


def test_admin_sees_how_to_adopt_the_draft(world, admin_client_):
    draft = CharterFactory.create(body=world.body, version=1, adopted_on=None)
    assert adopt_url(draft) in admin_client_.get(charter_url(world.body)).content.decode()


def test_new_version_form_is_prefilled_from_the_latest(world, admin_client_):
    CharterFactory.create(
        body=world.body, version=1, recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", notice_days=12
    )
    form = admin_client_.get(new_url(world.body)).context["form"]
    assert form.initial["frequency"] == "weekly"
    assert form.initial["weekday"] == "MO"
    assert form.initial["interval"] == 2
    assert form.initial["notice_days"] == 12


def test_friendly_form_builds_the_rule(world, admin_client_):
    response = admin_client_.post(new_url(world.body), form_data())
    charter = Charter.objects.get(body=world.body)
    assert response.status_code == 302
    assert response["Location"] == version_url(charter)
    assert charter.recurrence == "FREQ=MONTHLY;INTERVAL=2;BYDAY=+1TH"
    assert charter.start_time == time(14, 0)
    assert not charter.is_adopted
    content = admin_client_.get(version_url(charter)).content.decode()
    assert "Le 1er jeudi tous les 2 mois" in content


def test_weekly_rule_ignores_the_month_ordinal(world, admin_client_):
    admin_client_.post(
        new_url(world.body), form_data(frequency="weekly", weekday="MO", interval="1")
    )
    assert Charter.objects.get(body=world.body).recurrence == "FREQ=WEEKLY;BYDAY=MO"


def test_bad_input_keeps_typed_values_and_writes_nothing(world, admin_client_):
    response = admin_client_.post(
        new_url(world.body), form_data(end_time="08:00", attendance="Tout le monde")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "L&#x27;heure de fin doit suivre l&#x27;heure de début." in content
    assert "Tout le monde" in content
    assert not Charter.objects.filter(body=world.body).exists()


def test_facilitator_writes_a_draft_but_does_not_adopt_it(world):
    client = _facilitator(world)
    assert client.post(new_url(world.body), form_data()).status_code == 302
    draft = Charter.objects.get(body=world.body)
    assert client.get(adopt_url(draft)).status_code == 403
    response = client.post(adopt_url(draft), {"adopted_on": "2026-01-15", "adoption_note": "x"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert not draft.is_adopted


def test_member_and_guest_get_403_on_writing(world, member_client, guest_client):
    draft = CharterFactory.create(body=world.body, version=1, adopted_on=None)
    for client in (member_client, guest_client):
        assert client.get(new_url(world.body)).status_code == 403
        assert client.post(new_url(world.body), form_data()).status_code == 403
        assert client.post(adopt_url(draft), {"adopted_on": "2026-01-15"}).status_code == 403
    assert Charter.objects.filter(body=world.body).count() == 1


def test_admin_records_adoption(world, admin_client_):
    draft = CharterFactory.create(body=world.body, version=1, adopted_on=None)
    response = admin_client_.post(
        adopt_url(draft), {"adopted_on": "2026-01-15", "adoption_note": "Par consentement."}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.adopted_on == date(2026, 1, 15)
    assert draft.adopted_by == world.admin
    # Once adopted, the adoption page sends back to the version: nothing changes.
    response = admin_client_.post(
        adopt_url(draft), {"adopted_on": "2026-02-01", "adoption_note": "x"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.adopted_on == date(2026, 1, 15)


def test_adoption_form_refuses_a_future_date(world, admin_client_):
    draft = CharterFactory.create(body=world.body, version=1, adopted_on=None)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = admin_client_.post(
        adopt_url(draft), {"adopted_on": tomorrow.isoformat(), "adoption_note": "Vote."}
    )
    assert response.status_code == 200
    assert "ne peut pas être future" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_adopted


def test_outsider_and_anonymous(world, outsider_client, client):
    draft = CharterFactory.create(body=world.body, version=1, adopted_on=None)
    urls = [charter_url(world.body), new_url(world.body), version_url(draft), adopt_url(draft)]
    for url in urls:
        assert outsider_client.get(url).status_code == 404, url
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_wrong_methods_are_refused(world, member_client):
    draft = CharterFactory.create(body=world.body, version=1, adopted_on=None)
    assert member_client.post(charter_url(world.body)).status_code == 405
    assert member_client.post(version_url(draft)).status_code == 405
    assert member_client.delete(new_url(world.body)).status_code == 405


def test_charter_page_query_count_does_not_grow(world, member_client, django_assert_num_queries):
    for version in range(1, 6):
        CharterFactory.create(
            body=world.body, version=version, adopted_on=date(2020 + version, 1, 1)
        )
    # session, user, body (+ territory), charter versions (+ adopted_by), admin check,
    # facilitator check, admin check for adoption
    with django_assert_num_queries(7):
        member_client.get(charter_url(world.body))
