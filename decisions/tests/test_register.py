"""The register's rules: numbering per body and year (also under concurrency on
PostgreSQL), immutability, the links between entries, and the computed status."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from bodies.tests.factories import BodyFactory
from core.text import fold
from decisions.models import Decision
from decisions.register import services as register
from decisions.register.selectors import Status, statuses_of
from decisions.tests.factories import DecisionFactory
from decisions.tests.register_helpers import make_object, record
from documents.tests.factories import make_document
from followup.tests.factories import ActionFactory
from meetings.tests.factories import MeetingFactory

# --- Numbering -----------------------------------------------------------------------------


def test_numbers_follow_each_other_per_body_and_year(world):
    first = record(world.body, decided_on=date(2026, 1, 5))
    second = record(world.body, decided_on=date(2026, 2, 5))
    other_body = record(world.other_body, decided_on=date(2026, 2, 6))
    next_year = record(world.body, decided_on=date(2027, 1, 3))
    assert [first.reference, second.reference] == ["2026-001", "2026-002"]
    assert other_body.reference == "2026-001"
    assert next_year.reference == "2027-001"


def test_a_decision_recorded_late_in_the_year_takes_the_next_number(world):
    record(world.body, decided_on=date(2026, 6, 1))
    late = record(world.body, decided_on=date(2026, 3, 1))
    assert late.reference == "2026-002"


def test_search_text_is_folded_and_holds_the_object_title(world):
    obj = make_object(world.body, title="Mutualisation des Achats")
    decision = record(world.body, title="Élaboration", text="Décidé à l'unanimité", object=obj)
    assert decision.search_text == fold(
        f"{decision.reference}\nÉlaboration\nDécidé à l'unanimité\nMutualisation des Achats"
    )
    assert "é" not in decision.search_text


def _slow_search_text(decision: Decision) -> str:
    # Between taking the number and writing the row: without the lock, two adoptions
    # at once would both read the same last number here.
    time.sleep(0.3)
    return fold(decision.title)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_two_adoptions_at_once_get_distinct_consecutive_numbers(monkeypatch):
    assert connection.vendor == "postgresql"
    body = BodyFactory.create()
    monkeypatch.setattr(register, "search_text_of", _slow_search_text)
    barrier = threading.Barrier(2)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def adopt(title: str) -> None:
        try:
            barrier.wait(timeout=5)
            decision = record(body, title=title, decided_on=date(2026, 4, 1))
            numbers.append(decision.sequence)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=adopt, args=(f"D{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert not errors, errors
    assert sorted(numbers) == [1, 2]
    assert sorted(Decision.objects.filter(body=body).values_list("sequence", flat=True)) == [1, 2]


# --- Immutability and links --------------------------------------------------------------


def test_a_recorded_decision_refuses_to_be_saved_again(world):
    decision = record(world.body, title="Avant")
    decision.title = "Après"
    with pytest.raises(ValidationError, match="ne se modifie pas"):
        decision.save()
    assert Decision.objects.get(pk=decision.pk).title == "Avant"


def test_the_register_has_no_edit_page(world, admin_client_):
    decision = record(world.body)
    url = decision.get_absolute_url()
    response = admin_client_.post(url, {"title": "Autre"})
    assert response.status_code == 405
    assert admin_client_.get(url + "modifier/").status_code == 404


def test_an_entry_amends_or_supersedes_but_not_both(world):
    old = record(world.body, title="Ancienne")
    with pytest.raises(ValidationError, match="pas les deux"):
        record(world.body, amends=old, supersedes=old)


def test_an_entry_only_links_to_an_entry_of_its_body(world):
    old = record(world.other_body, title="Ailleurs")
    with pytest.raises(ValidationError, match="même instance"):
        record(world.body, supersedes=old)


def test_a_superseded_decision_cannot_be_superseded_again(world):
    old = record(world.body, title="Ancienne")
    record(world.body, title="Nouvelle", supersedes=old)
    with pytest.raises(ValidationError, match="déjà remplacée"):
        record(world.body, title="Encore", amends=old)


def test_bulk_updates_of_the_register_are_refused(world):
    decision = record(world.body, title="Avant")
    with pytest.raises(ValidationError, match="ne se modifie pas"):
        Decision.objects.filter(pk=decision.pk).update(title="Après")
    with pytest.raises(ValidationError, match="ne se modifie pas"):
        world.body.decisions.update(title="Après")
    decision.title = "Après"
    with pytest.raises(ValidationError, match="ne se modifie pas"):
        Decision.objects.bulk_update([decision], ["title"])
    assert Decision.objects.get(pk=decision.pk).title == "Avant"


def test_deleting_an_entry_is_refused(world):
    decision = record(world.body)
    with pytest.raises(ValidationError, match="ne se supprime pas"):
        Decision.objects.filter(pk=decision.pk).delete()
    with pytest.raises(ValidationError, match="ne se supprime pas"):
        world.body.decisions.all().delete()
    with pytest.raises(ValidationError, match="ne se supprime pas"):
        decision.delete()
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_participants_are_written_once_then_never_change(world):
    decision = record(world.body, participants=[world.member, world.admin, world.member])
    assert set(decision.participants.all()) == {world.member, world.admin}
    changes = [
        lambda: decision.participants.add(world.guest),
        lambda: decision.participants.remove(world.member),
        lambda: decision.participants.set([world.guest]),
        lambda: decision.participants.clear(),
        lambda: world.guest.decisions_taken.add(decision),
        lambda: world.member.decisions_taken.remove(decision),
        lambda: world.member.decisions_taken.clear(),
    ]
    for change in changes:
        # The relation manager writes in an atomic block that the refusal rolls back.
        with pytest.raises(ValidationError, match="ne se modifie pas"), transaction.atomic():
            change()
    assert set(decision.participants.all()) == {world.member, world.admin}


def test_documents_of_a_recorded_entry_never_change(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    decision = record(world.body)
    document = make_document(world.admin, body=world.body)
    with pytest.raises(ValidationError, match="ne se modifie pas"), transaction.atomic():
        decision.documents.add(document)
    with pytest.raises(ValidationError, match="ne se modifie pas"), transaction.atomic():
        document.decisions.add(decision)
    assert not decision.documents.exists()


def test_deleting_a_body_still_deletes_its_register(world):
    # The guards refuse deletion through the ORM's QuerySet and instances, not the
    # cascade: Django's collector deletes the entries, their participants and actions
    # with SQL.
    body = BodyFactory.create()
    decision = record(body, participants=[world.member])
    record(body, title="Autre")
    ActionFactory.create(body=body, decision=decision)
    body.delete()
    assert not Decision.objects.filter(pk=decision.pk).exists()
    assert not Decision.participants.through.objects.filter(decision_id=decision.pk).exists()
    assert world.member.pk is not None and not world.member.decisions_taken.exists()


def test_deleting_a_meeting_unlinks_its_entries(world):
    # SET_NULL goes through the base manager's plain QuerySet, not the guarded one.
    meeting = MeetingFactory.create(body=world.body)
    decision = record(world.body, meeting=meeting)
    meeting.delete()
    assert Decision.objects.get(pk=decision.pk).meeting is None


def test_a_decision_cannot_be_superseded_twice(world):
    old = record(world.body, title="Ancienne")
    record(world.body, title="Nouvelle", supersedes=old)
    with pytest.raises(ValidationError, match="déjà remplacée"):
        record(world.body, title="Encore", supersedes=old)
    assert Decision.objects.filter(supersedes=old).count() == 1


def test_the_database_refuses_a_second_successor(world):
    old = DecisionFactory.create(body=world.body)
    DecisionFactory.create(body=world.body, supersedes=old)
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionFactory.create(body=world.body, supersedes=old)
    # Amending entries are not concerned: several may amend the same decision.
    DecisionFactory.create(body=world.body, amends=old)
    DecisionFactory.create(body=world.body, amends=old)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_two_adoptions_superseding_one_decision_at_once_keep_one_successor(monkeypatch):
    assert connection.vendor == "postgresql"
    body = BodyFactory.create()
    old = record(body, title="Ancienne", decided_on=date(2026, 3, 1))
    monkeypatch.setattr(register, "search_text_of", _slow_search_text)
    barrier = threading.Barrier(2)
    successors: list[str] = []
    errors: list[BaseException] = []

    def supersede(title: str) -> None:
        try:
            barrier.wait(timeout=5)
            record(body, title=title, supersedes=old, decided_on=date(2026, 4, 1))
            successors.append(title)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=supersede, args=(f"D{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    # One succeeds; the other is told, in French, that the decision is already superseded
    # (not an IntegrityError from the constraint, which would be a 500).
    assert len(successors) == 1, (successors, errors)
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), errors
    assert "déjà remplacée" in str(errors[0])
    assert Decision.objects.filter(supersedes=old).count() == 1


# --- Status ----------------------------------------------------------------------------------


def statuses(body: Any, today: date) -> dict[str, str]:
    by_pk = statuses_of(Decision.objects.filter(body=body), today)
    return {d.title: by_pk[d.pk] for d in Decision.objects.filter(body=body)}


def test_status_is_computed_from_later_entries_and_the_review_date(world):
    today = date(2026, 6, 1)
    in_force = record(world.body, title="en vigueur", review_on=today + timedelta(days=1))
    amended = record(world.body, title="modifiée", review_on=today - timedelta(days=30))
    superseded = record(world.body, title="remplacée")
    record(world.body, title="à revoir", review_on=today)
    record(world.body, title="modifie", amends=amended)
    record(world.body, title="remplace", supersedes=superseded)
    found = statuses(world.body, today)
    assert found["en vigueur"] == Status.IN_FORCE
    assert found["modifiée"] == Status.AMENDED  # amended wins over the passed review date
    assert found["remplacée"] == Status.SUPERSEDED
    assert found["à revoir"] == Status.TO_REVIEW
    assert found["modifie"] == Status.IN_FORCE
    assert in_force.pk


def test_status_of_an_amended_then_superseded_decision_is_superseded(world):
    old = record(world.body, title="ancienne")
    record(world.body, title="modifie", amends=old)
    record(world.body, title="remplace", supersedes=old)
    assert statuses(world.body, date(2026, 6, 1))["ancienne"] == Status.SUPERSEDED
