"""The demo documents: real PDFs, on the codir and the item of its next convened meeting
that each one concerns."""

from __future__ import annotations

from datetime import timedelta

import pytest

from documents.demo import demo_documents
from documents.models import Document
from documents.tests.factories import make_item, make_meeting
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_demo_attaches_pdfs_to_the_next_convened_meeting_and_is_idempotent(world, media_root):
    meeting = make_meeting(world.body, starts_in=timedelta(days=10))
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CONVENED)
    make_item(meeting)
    roads = make_item(meeting)
    roads.title = "Groupement de commandes pour l'entretien de la voirie"
    roads.save()
    demo_documents(world.territory)
    demo_documents(world.territory)
    documents = Document.objects.order_by("pk")
    assert len(documents) == 3
    # Each document goes with the item it concerns; the others stay with the body.
    assert [d.item for d in documents] == [roads, None, None]
    for document in documents:
        assert document.content_type == "application/pdf"
        assert (media_root / document.file.name).read_bytes().startswith(b"%PDF-")


def test_demo_without_meeting_attaches_to_the_body(world):
    demo_documents(world.territory)
    assert Document.objects.filter(body=world.body, meeting__isnull=True).count() == 3


def test_demo_without_codir_does_nothing(world):
    world.body.delete()
    demo_documents(world.territory)
    assert not Document.objects.exists()
