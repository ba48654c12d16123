"""What the history pages show of a change: the fields a reader knows by their French
names, never reverse relations, technical fields nor "None"; dates with "1er"."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from audit.templatetags.audit_tags import field_changes
from conftest import World
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_creation_shows_fields_by_name_without_relations_or_technique(world: World) -> None:
    meeting = MeetingFactory.create(body=world.body)
    entry = LogEntry.objects.get_for_object(meeting).get(action=LogEntry.Action.CREATE)
    # auditlog records the technical fields too; the page leaves them out.
    assert "ics_sequence" in entry.changes_dict and "created_at" in entry.changes_dict
    labels = [label for label, _before, _after in field_changes(entry)]
    assert "Lieu" in labels
    for label in labels:
        assert label[0].isupper()
        assert "_" not in label and "." not in label
        assert label.lower() not in {"ics sequence", "created at", "live version", "id"}
    for _label, before, after in field_changes(entry):
        assert "None" not in (before, after)


def test_a_date_change_reads_1er(world: World) -> None:
    position = world.member_position
    position.start_date = date(2026, 1, 1)
    position.save()
    entry = LogEntry.objects.get_for_object(position).filter(action=LogEntry.Action.UPDATE)[0]
    assert ("Depuis le", "", "1er janvier 2026") in field_changes(entry)


def test_history_page_shows_no_none(world: World, admin_client_: Client) -> None:
    position = world.member_position
    position.start_date = date(2026, 1, 1)
    position.save()
    url = reverse("territories:organisation_history", args=[world.commune.pk])
    content = admin_client_.get(url).content.decode()
    assert "1er janvier 2026" in content
    assert "None" not in content and "ics sequence" not in content
