"""The charter: versions, drafts, the one adoption path (never edited afterwards; frozen
while submitted, editable again once released), and its pages. Its adoption by consent
is tested with decisions (decisions/tests/test_subjects.py)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import client_for
from governance.changes import charter_changes
from governance.charter import charter_draft_save
from governance.models import DEFAULT_ETHICAL_RULES, Charter
from governance.selectors import current_charter
from governance.services import text_adopt, text_release, text_submit
from governance.tests.factories import CharterFactory
from governance.tests.factories import charter_form_data as form_data
from governance.versions import draft_version

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
    """Adopt the version through the one adoption path."""
    text_submit(text=charter)
    return text_adopt(text=charter, adopted_on=on, adopted_by=by, note="Adoptée en séance.")


# --- Services ---------------------------------------------------------------------------


def test_first_save_is_a_draft_with_the_five_ethical_rules(world):
    charter = _save(world.body)
    assert charter.version == 1
    assert not charter.is_adopted
    assert charter.ethical_rules == str(DEFAULT_ETHICAL_RULES)
    assert "Parité de la parole" in charter.ethical_rules
    assert current_charter(world.body) is None
    assert draft_version(Charter, world.body) == charter


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
        text_submit(text=v1)
    v1.refresh_from_db()
    assert v1.adopted_on == date(2026, 1, 15)


def test_summary_says_what_changed(world):
    _adopt(_save(world.body), world.admin)
    draft = _save(world.body, notice_days=3)
    text = charter_changes(draft)
    assert "par rapport à la version 1, adoptée le 15/01/2026" in text
    assert "Avant : 7" in text and "Désormais : 3" in text
    assert "Qui vient" not in text  # unchanged


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


def test_adoption_records_who_when_and_how(world):
    charter = _adopt(_save(world.body, created_by=world.member), world.admin)
    assert charter.adopted_on == date(2026, 1, 15)
    assert (charter.adopted_by, charter.adoption_note) == (world.admin, "Adoptée en séance.")
    assert charter.created_by == world.member
    assert current_charter(world.body) == charter
    with pytest.raises(ValidationError, match="déjà adoptée"):
        text_adopt(text=charter, adopted_on=date(2026, 2, 1), adopted_by=world.admin, note="")


def test_submitted_draft_is_frozen_until_released(world):
    draft = _save(world.body)
    text_submit(text=draft)
    with pytest.raises(ValidationError, match="soumis au consentement"):
        _save(world.body, notice_days=3)
    with pytest.raises(ValidationError):
        text_submit(text=draft)
    draft.refresh_from_db()
    assert draft.notice_days == 7 and draft.is_submitted
    text_release(text=draft)
    assert _save(world.body, notice_days=3).notice_days == 3


def test_adoption_refuses_an_earlier_date_and_an_outdated_version(world):
    v1 = _adopt(_save(world.body), world.admin, on=date(2026, 1, 15))
    v2 = _save(world.body, notice_days=3)
    with pytest.raises(ValidationError, match="après cette date"):
        text_adopt(text=v2, adopted_on=date(2025, 1, 1), adopted_by=world.admin, note="")
    v2.refresh_from_db()
    assert not v2.is_adopted and current_charter(world.body) == v1
    v3 = CharterFactory.create(body=world.body, version=3, adopted_on=None)
    with pytest.raises(ValidationError, match="plus récente"):
        text_adopt(text=v2, adopted_on=date(2026, 2, 1), adopted_by=world.admin, note="")
    assert not v3.is_adopted


def test_a_new_version_starts_from_the_latest(world):
    v1 = _adopt(_save(world.body, minutes_writer="la DGS de l'EPCI"), world.admin)
    v2 = _save(world.body, notice_days=3)
    assert v2.version == 2 and v2.minutes_writer == v1.minutes_writer == "la DGS de l'EPCI"


# --- Pages ------------------------------------------------------------------------------


def charter_url(body):
    return reverse("governance:charter", args=[body.pk])


def new_url(body):
    return reverse("governance:charter_new", args=[body.pk])


def submit_url(charter):
    return reverse("decisions:charter_submit", args=[charter.pk])


def version_url(charter):
    return reverse("governance:charter_version", args=[charter.pk])


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
    assert submit_url(v3) not in content  # members do not submit to consent
    assert "Soumettre au consentement" not in content
    assert version_url(v2) not in content  # shown in full, not linked
    response = member_client.get(version_url(v1))
    assert response.status_code == 200
    assert "remplacée" in response.content.decode()


def test_admin_sees_how_to_submit_the_draft(world, admin_client_):
    draft = CharterFactory.create(body=world.body, version=1, adopted_on=None)
    content = admin_client_.get(charter_url(world.body)).content.decode()
    assert submit_url(draft) in content
    assert "Soumettre au consentement" in content


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


def test_member_and_guest_get_403_on_writing(world, member_client, guest_client):
    draft = CharterFactory.create(body=world.body, version=1, adopted_on=None)
    for client in (member_client, guest_client):
        assert client.get(new_url(world.body)).status_code == 403
        assert client.post(new_url(world.body), form_data()).status_code == 403
        assert client.post(submit_url(draft)).status_code == 403
    assert Charter.objects.filter(body=world.body).count() == 1
    assert not Charter.objects.get(body=world.body).is_submitted


def test_outsider_and_anonymous(world, outsider_client, client):
    draft = CharterFactory.create(body=world.body, version=1, adopted_on=None)
    urls = [charter_url(world.body), new_url(world.body), version_url(draft)]
    for url in urls:
        assert outsider_client.get(url).status_code == 404, url
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert outsider_client.post(submit_url(draft)).status_code == 404
    response = client.post(submit_url(draft))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    draft.refresh_from_db()
    assert not draft.is_submitted


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
    # session, user, the viewer's visible bodies, body (+ territory), charter versions (+
    # adopted_by), the register entry that adopted the current version, the member's roles in the
    # body
    with django_assert_num_queries(7):
        member_client.get(charter_url(world.body))


def test_the_charter_may_say_the_secretary_runs_the_meetings_too(world):
    client = _facilitator(world)
    response = client.post(new_url(world.body), form_data(secretary_runs_meetings="on"))
    draft = Charter.objects.get(body=world.body)
    assert response.status_code == 302
    assert draft.secretary_runs_meetings
    page = client.get(version_url(draft)).content.decode()
    assert "le ou la secrétaire de l’instance anime aussi les réunions" in page.replace("'", "’")
    # Not ticked: the facilitator alone (with the administrators) runs them.
    client.post(new_url(world.body), form_data())
    draft.refresh_from_db()
    assert not draft.secretary_runs_meetings


def test_the_charter_says_how_often_the_mirror_is_held(world):
    charter = _save(world.body, mirrors_per_year=2)
    assert charter.mirrors_per_year == 2
    page = client_for(world.admin).get(reverse("governance:charter_version", args=[charter.pk]))
    assert "2 fois par an" in page.content.decode()
    with pytest.raises(ValidationError):
        _save(world.body, mirrors_per_year=13)
