"""The demo register: twenty past entries of the demo codir, made through the consent
services, and loading twice creates nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import client_for
from decisions.demo.governance import demo_framework
from decisions.demo.register import DECISIONS, demo_register
from decisions.models import Decision, Objection, Process, Proposal, Turn
from decisions.register.selectors import Status, statuses_of
from demo.loader import demo_load
from territories.models import Territory


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module (it takes a few seconds)."""
    with django_db_blocker.unblock():
        territory = demo_load()
        demo_framework(territory)
        entries = demo_register(territory)
        yield territory, entries
        # The module's data is left for the transaction-less fixture to flush.
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def test_demo_records_twenty_entries_through_the_services(demo):
    _territory, entries = demo
    assert len(entries) == len(DECISIONS) == 20
    assert all(entry.proposal_id is not None for entry in entries)
    assert all(entry.proposal.phase == Proposal.Phase.ADOPTED for entry in entries)
    today = timezone.localdate()
    assert all(today - timedelta(days=548) <= entry.decided_on < today for entry in entries)
    consented = [e for e in entries if e.process == Process.CONSENT]
    assert all(e.participants.count() >= 5 for e in consented)
    assert Turn.objects.filter(proposal__decision__in=entries).count() > 100


def test_demo_numbers_follow_the_dates(demo):
    _territory, entries = demo
    for year in {entry.year for entry in entries}:
        of_year = sorted((e for e in entries if e.year == year), key=lambda e: e.sequence)
        assert [e.decided_on for e in of_year] == sorted(e.decided_on for e in of_year)


def test_demo_has_amended_superseded_and_integrated_entries(demo):
    _territory, entries = demo
    ids = [entry.pk for entry in entries]
    statuses = statuses_of(Decision.objects.filter(pk__in=ids))
    assert list(statuses.values()).count(Status.AMENDED) == 3
    assert list(statuses.values()).count(Status.SUPERSEDED) == 1
    assert Status.TO_REVIEW in statuses.values()
    soon = [e for e in entries if e.review_on and e.review_on > timezone.localdate()]
    assert len(soon) >= 2
    objection = Objection.objects.get(proposal__decision__in=entries)
    assert objection.status == Objection.Status.INTEGRATED
    assert objection.resolved_by is not None
    assert objection.proposal.versions.count() == 2


def test_demo_kinds_follow_the_framework(demo):
    _territory, entries = demo
    kinds = [entry.kind for entry in entries]
    assert kinds.count(Decision.Kind.OPINION) == 3
    assert kinds.count(Decision.Kind.INFORMATION) == 2
    assert kinds.count(Decision.Kind.PROPOSAL) == 2
    for entry in entries:
        if entry.kind == Decision.Kind.OPINION:
            assert "avis" in entry.authority_note


def test_demo_entry_treated_in_the_last_meeting_links_its_item(demo):
    _territory, entries = demo
    (in_meeting,) = [entry for entry in entries if entry.item_id is not None]
    assert in_meeting.meeting == in_meeting.item.meeting
    assert in_meeting.decided_on == timezone.localdate(in_meeting.meeting.starts_at)


def test_demo_is_idempotent(demo):
    territory, entries = demo
    counts = (Decision.objects.count(), Proposal.objects.count(), Turn.objects.count())
    again = demo_register(territory)
    assert {e.pk for e in again} == {e.pk for e in entries}
    assert (Decision.objects.count(), Proposal.objects.count(), Turn.objects.count()) == counts


def test_demo_register_pages_open(demo):
    territory, entries = demo
    claire = (
        Territory.objects.get(pk=territory.pk)
        .members.get(person__email__startswith="claire.morvan")
        .person
    )
    client = client_for(claire)
    response = client.get(f"/decisions/territoire/{territory.pk}/releve/", {"q": "achats"})
    assert response.status_code == 200
    assert "Achat groupé d&#x27;électricité" in response.content.decode()
    with_objection = next(e for e in entries if e.proposal.objections.exists())
    page = client.get(with_objection.get_absolute_url()).content.decode()
    assert "intégrée par un amendement" in page


def test_demo_minutes_list_the_entries_adopted_in_the_meeting(demo):
    from minutes.models import Minutes

    _territory, entries = demo
    in_meeting = [entry for entry in entries if entry.meeting_id is not None]
    assert in_meeting
    entry = in_meeting[-1]
    minutes = Minutes.objects.filter(meeting_id=entry.meeting_id).order_by("version").first()
    assert minutes is not None
    assert f"{entry.reference} adopt" in minutes.text
    assert "Relevé des décisions de la réunion" in minutes.text
