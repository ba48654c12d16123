"""Reads other pages use: documents of a body, a meeting, an item, and late ones."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bodies.tests.factories import BodyFactory
from documents.models import Document
from documents.selectors import (
    documents_for_body,
    documents_for_item,
    documents_for_meeting,
    get_document_for_user,
    late_documents,
)
from documents.tests.factories import make_document, make_item, make_meeting, make_version
from governance.models import Charter

pytestmark = pytest.mark.django_db


def test_meeting_documents_include_items_and_only_latest_versions(world):
    meeting = make_meeting(world.body)
    item = make_item(meeting)
    on_meeting = make_document(world.member, meeting=meeting)
    on_item = make_document(world.member, item=item)
    latest = make_version(on_item, world.member)
    elsewhere = make_document(world.member, body=world.body)
    assert set(documents_for_meeting(meeting)) == {on_meeting, latest}
    assert list(documents_for_item(item)) == [latest]
    assert set(documents_for_body(world.body)) == {on_meeting, latest, elsewhere}


def test_get_document_for_user_is_scoped(world):
    from django.http import Http404

    document = make_document(world.member, body=world.body)
    assert get_document_for_user(world.guest, document.pk) == document
    with pytest.raises(Http404):
        get_document_for_user(world.outsider, document.pk)


def _at(document: Document, when: datetime) -> Document:
    Document.objects.filter(pk=document.pk).update(uploaded_at=when)
    document.refresh_from_db()
    return document


def test_late_documents_default_to_seven_days(world):
    meeting = make_meeting(world.body, starts_in=timedelta(days=3))
    on_time = _at(make_document(world.member, meeting=meeting), meeting.starts_at - timedelta(8))
    late = _at(make_document(world.member, meeting=meeting), meeting.starts_at - timedelta(6))
    assert late_documents(meeting) == [late]
    assert on_time not in late_documents(meeting)


def test_late_documents_follow_the_charter_notice(world):
    Charter.objects.create(
        body=world.body,
        version=1,
        attendance="Les DGS",
        recurrence="FREQ=MONTHLY",
        notice_days=2,
        adopted_on=timezone.localdate(),
    )
    meeting = make_meeting(world.body, starts_in=timedelta(days=3))
    _at(make_document(world.member, meeting=meeting), meeting.starts_at - timedelta(days=6))
    late = _at(make_document(world.member, meeting=meeting), meeting.starts_at - timedelta(1))
    assert late_documents(meeting) == [late]


def test_list_page_query_count_does_not_grow_with_documents(member_client, world):
    url = reverse("documents:body_documents", args=[world.body.pk])
    make_document(world.member, body=world.body)

    def queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert member_client.get(url).status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    few = queries()
    meeting = make_meeting(world.body)
    item = make_item(meeting)
    for _ in range(4):
        make_version(make_document(world.member, item=item), world.member)
        make_document(world.admin, meeting=meeting)
    # Session, user, body, the upload right (territory admin? current member?) and the
    # documents in one query with uploader, meeting, its body and item joined: the same
    # whatever their number.
    many = queries()
    assert len(few) == 6, "\n".join(few)
    assert len(many) == len(few), "\n".join(many)


def test_other_bodies_documents_stay_out(world):
    other = BodyFactory.create(territory=world.territory)
    make_document(world.admin, body=other)
    assert not documents_for_body(world.body).exists()
