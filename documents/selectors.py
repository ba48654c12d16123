"""Reads for documents: every document is reached through `get_document_for_user`,
scoped to the bodies the user may see (bodies.selectors.bodies_for). The lists show the
latest version of each document; its history is on its own page.

The documents of a meeting or of an agenda item, and who may attach one there, are
meetings' (meetings.attachments): this app keeps the store and knows no meeting code."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from access.permissions import CONTRIBUTE, DELETE_DOCUMENT, allowed
from access.scopes import bodies_for
from accounts.models import Person
from bodies.models import Body
from documents.models import Document


def latest_versions(documents: QuerySet[Document]) -> QuerySet[Document]:
    """The latest version of each of these documents, newest first, ready to list."""
    # One query whatever the number of documents: the uploader, meeting (with its body,
    # which names it) and item joined.
    return (
        documents.filter(next_version__isnull=True)
        .select_related("uploaded_by", "meeting__body", "item")
        .order_by("-uploaded_at", "-pk")
    )


def get_document_for_user(user: Person, pk: int) -> Document:
    return get_object_or_404(
        Document.objects.filter(body__in=bodies_for(user)).select_related(
            "body__territory", "meeting", "item__meeting", "uploaded_by", "next_version"
        ),
        pk=pk,
    )


def documents_for_body(body: Body) -> QuerySet[Document]:
    """Every document of the body (its own, its meetings' and their items'), latest
    versions only."""
    return latest_versions(Document.objects.filter(body=body))


def versions_of(document: Document) -> QuerySet[Document]:
    """Every version of a document, the latest first."""
    return (
        Document.objects.filter(lineage=document.lineage)
        .select_related("uploaded_by")
        .order_by("-version", "-pk")
    )


def can_upload_to_body(user: Person, body: Body, *, presenter_id: int | None = None) -> bool:
    """Current members of the body (guests aside) and the administrators of its
    territory may share a document with the body or one of its meetings; the person who
    presents an agenda item (`presenter_id`: a guest, often) may share one with it."""
    if presenter_id is not None and presenter_id == user.pk:
        return True
    return allowed(user, CONTRIBUTE, body)


def can_upload_version(user: Person, document: Document) -> bool:
    """Whoever may share a document where this one is: for an agenda item's document,
    its presenter too."""
    item = document.item
    if item is None:
        return can_upload_to_body(user, document.body)
    return can_upload_to_body(user, item.meeting.body, presenter_id=item.presenter_id)


def can_delete(user: Person, document: Document) -> bool:
    """The person who uploaded this version, or an administrator of the territory."""
    return allowed(user, DELETE_DOCUMENT, document)
