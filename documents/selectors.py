"""Reads for documents: every document is reached through `get_document_for_user`,
scoped to the bodies the user may see (bodies.selectors.bodies_for). The lists show the
latest version of each document; its history is on its own page."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Person
from bodies.models import Body, BodyMembership
from bodies.selectors import bodies_for, can_manage_body
from documents.models import Document
from governance.selectors import current_charter
from meetings.models import AgendaItem, Meeting

DEFAULT_NOTICE_DAYS = 7


def _listed(documents: QuerySet[Document]) -> QuerySet[Document]:
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
    return _listed(Document.objects.filter(body=body))


def documents_for_meeting(meeting: Meeting) -> QuerySet[Document]:
    """The documents of a meeting and of its agenda items, latest versions only."""
    return _listed(Document.objects.filter(meeting=meeting))


def documents_for_item(item: AgendaItem) -> QuerySet[Document]:
    return _listed(Document.objects.filter(item=item))


def versions_of(document: Document) -> QuerySet[Document]:
    """Every version of a document, the latest first."""
    return (
        Document.objects.filter(lineage=document.lineage)
        .select_related("uploaded_by")
        .order_by("-version", "-pk")
    )


def notice_deadline(meeting: Meeting) -> timedelta:
    charter = meeting.charter or current_charter(meeting.body)
    return timedelta(days=charter.notice_days if charter else DEFAULT_NOTICE_DAYS)


def late_documents(meeting: Meeting) -> list[Document]:
    """The documents (latest versions) of a meeting that were uploaded after the charter's
    notice: later than `starts_at - notice_days` (7 days without a charter)."""
    deadline = meeting.starts_at - notice_deadline(meeting)
    return list(documents_for_meeting(meeting).filter(uploaded_at__gt=deadline))


def can_upload_to_body(user: Person, body: Body) -> bool:
    """Current members of the body (guests aside) and the administrators of its
    territory may share a document with the body or one of its meetings."""
    if can_manage_body(user, body):
        return True
    return (
        body.memberships.current()
        .filter(person=user)
        .exclude(role=BodyMembership.Role.GUEST)
        .exists()
    )


def can_upload_to_item(user: Person, item: AgendaItem) -> bool:
    """The members, and the person who presents the item (a guest, often)."""
    if item.presenter_id is not None and item.presenter_id == user.pk:
        return True
    return can_upload_to_body(user, item.meeting.body)


def can_upload_version(user: Person, document: Document) -> bool:
    if document.item is not None:
        return can_upload_to_item(user, document.item)
    return can_upload_to_body(user, document.body)


def can_delete(user: Person, document: Document) -> bool:
    """The person who uploaded this version, or an administrator of the territory."""
    if document.uploaded_by_id is not None and document.uploaded_by_id == user.pk:
        return True
    return can_manage_body(user, document.body)
