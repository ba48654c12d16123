"""The demo documents: real PDFs shared with the codir (the one that concerns an item
of the next convened meeting is attached to it by the agenda demo:
meetings/tests/test_attachments.py)."""

from __future__ import annotations

import pytest

from documents.demo import demo_documents
from documents.models import Document

pytestmark = pytest.mark.django_db


def test_demo_shares_pdfs_with_the_body_and_is_idempotent(world, media_root):
    demo_documents(world.territory)
    demo_documents(world.territory)
    documents = Document.objects.order_by("pk")
    assert len(documents) == 3
    for document in documents:
        assert (document.body, document.meeting) == (world.body, None)
        assert document.content_type == "application/pdf"
        assert (media_root / document.file.name).read_bytes().startswith(b"%PDF-")


def test_demo_without_codir_does_nothing(world):
    world.body.delete()
    demo_documents(world.territory)
    assert not Document.objects.exists()
