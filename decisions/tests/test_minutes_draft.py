"""The minutes draft lists what the meeting adopted: decisions inscribes its reader in
minutes' registry (minutes.drafting), and each item shows the entries adopted on it
with their numbers, instead of "Pas de notes."."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import World
from decisions.models import Decision
from decisions.tests.factories import DecisionFactory
from meetings.models import AgendaItem, Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from minutes.services import minutes_draft

pytestmark = pytest.mark.django_db


def test_the_draft_names_the_entries_adopted_on_each_item(world: World) -> None:
    starts_at = timezone.now() - timedelta(days=2)
    meeting = MeetingFactory.create(
        body=world.body,
        status=Meeting.Status.HELD,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
    )
    achats, avis, _divers = (
        AgendaItemFactory.create(
            meeting=meeting,
            title=title,
            status=AgendaItem.Status.ACCEPTED,
            position=position,
            notes="",
        )
        for position, title in enumerate(("Achats groupés", "Schéma de santé", "Divers"))
    )
    year = timezone.localdate().year
    DecisionFactory.create(
        body=world.body, meeting=meeting, item=achats, sequence=3, title="Achats *groupés*"
    )
    DecisionFactory.create(
        body=world.body,
        meeting=meeting,
        item=avis,
        sequence=4,
        kind=Decision.Kind.OPINION,
        title="Avis sur le schéma",
    )
    DecisionFactory.create(body=world.body, sequence=5, title="Ailleurs")  # another meeting
    text = minutes_draft(meeting=meeting, author=world.member).text
    achats_part = text[text.index("Achats groupés") : text.index("Schéma de santé")]
    assert f"- **Décision {year}-003 adoptée** : Achats \\*groupés\\*" in achats_part
    assert "Pas de notes." not in achats_part
    avis_part = text[text.index("Schéma de santé") : text.index("Divers")]
    assert f"- **Avis {year}-004 adopté** : Avis sur le schéma" in avis_part
    divers_part = text[text.index("Divers") : text.index("Relevé des décisions")]
    assert "Pas de notes." in divers_part  # nothing recorded there
    summary = text[text.index("## Relevé des décisions de la réunion") :]
    assert f"Décision {year}-003 adoptée" in summary and f"Avis {year}-004 adopté" in summary
    assert f"{year}-005" not in text
