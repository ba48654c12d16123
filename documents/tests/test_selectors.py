"""Reads other pages use: a body's documents, scoped and latest versions only. Those of
a meeting and of an item are tested with meetings (meetings/tests/test_attachments.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bodies.tests.factories import BodyFactory
from documents.selectors import documents_for_body, get_document_for_user
from documents.tests.factories import make_document, make_version

pytestmark = pytest.mark.django_db


def test_body_documents_are_the_latest_versions(world):
    first = make_document(world.member, body=world.body)
    latest = make_version(first, world.member)
    other = make_document(world.member, body=world.body, title="Autre")
    assert set(documents_for_body(world.body)) == {latest, other}


def test_get_document_for_user_is_scoped(world):
    document = make_document(world.member, body=world.body)
    assert get_document_for_user(world.guest, document.pk) == document
    with pytest.raises(Http404):
        get_document_for_user(world.outsider, document.pk)


def test_list_page_query_count_does_not_grow_with_documents(member_client, world):
    url = reverse("documents:body_documents", args=[world.body.pk])
    make_document(world.member, body=world.body)

    def queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert member_client.get(url).status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    few = queries()
    for _ in range(4):
        make_version(make_document(world.member, body=world.body), world.member)
        make_document(world.admin, body=world.body)
    # Session, user, the viewer's visible bodies, body, the upload right (the viewer's roles,
    # access) and the documents in one query with uploader, meeting, its body and item joined: the
    # same whatever their number.
    many = queries()
    assert len(few) == 6, "\n".join(few)
    assert len(many) == len(few), "\n".join(many)


def test_other_bodies_documents_stay_out(world):
    other = BodyFactory.create(territory=world.territory)
    make_document(world.admin, body=other)
    assert not documents_for_body(world.body).exists()
