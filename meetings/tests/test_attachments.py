"""Documents attached to a meeting or an agenda item: the upload pages (who may, where
they lead), the lists, the late ones, and the demo note attached to its item."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body
from documents.demo import demo_documents
from documents.models import Document
from documents.tests.conftest import stored_files
from documents.tests.factories import PDF, make_document, make_version, odf, upload
from governance.tests.factories import CharterFactory
from meetings.agenda_demo import demo_agenda
from meetings.attachments import (
    document_attach,
    documents_for_item,
    documents_for_meeting,
    late_documents,
)
from meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings: Any) -> Path:
    return Path(settings.MEDIA_ROOT)


def make_meeting(body: Body, starts_in: timedelta = timedelta(days=14)) -> Meeting:
    starts_at = timezone.now() + starts_in
    return Meeting.objects.create(
        body=body, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2)
    )


def make_item(
    meeting: Meeting, presenter: Person | None = None, title: str = "Groupement de commandes"
) -> AgendaItem:
    return AgendaItem.objects.create(meeting=meeting, title=title, presenter=presenter)


def attach(
    uploaded_by: Person,
    *,
    meeting: Meeting | None = None,
    item: AgendaItem | None = None,
    title: str = "Note de présentation",
) -> Document:
    return document_attach(
        uploaded_by=uploaded_by, upload=upload(), title=title, meeting=meeting, item=item
    )


def meeting_url(meeting):
    return reverse("meetings:document_upload", args=[meeting.pk])


def item_url(item):
    return reverse("meetings:item_document_upload", args=[item.pk])


def post(client, url, name="note.pdf", data=PDF, title="Note de présentation", **extra):
    return client.post(url, {"file": upload(name, data), "title": title, **extra})


# --- Access -------------------------------------------------------------------------------


def test_the_addresses_stay_under_documents(world):
    item = make_item(make_meeting(world.body))
    assert meeting_url(item.meeting) == f"/documents/reunion/{item.meeting.pk}/deposer/"
    assert item_url(item) == f"/documents/point/{item.pk}/deposer/"


def test_anonymous_is_sent_to_login(client, world):
    meeting = make_meeting(world.body)
    for url in [meeting_url(meeting), item_url(make_item(meeting))]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_outsider_gets_404(outsider_client, world, media_root):
    meeting = make_meeting(world.body)
    for url in [meeting_url(meeting), item_url(make_item(meeting))]:
        assert outsider_client.get(url).status_code == 404
        assert post(outsider_client, url).status_code == 404
    assert not Document.objects.exists()
    assert not stored_files(media_root)


def test_wrong_method_is_refused(member_client, world):
    meeting = make_meeting(world.body)
    assert member_client.put(meeting_url(meeting)).status_code == 405
    assert member_client.put(item_url(make_item(meeting))).status_code == 405


def test_guest_may_not_upload_to_the_meeting(guest_client, world, media_root):
    meeting = make_meeting(world.body)
    assert guest_client.get(meeting_url(meeting)).status_code == 403
    assert post(guest_client, meeting_url(meeting)).status_code == 403
    assert not Document.objects.exists()
    assert not stored_files(media_root)


def test_guest_uploads_to_the_item_they_present(guest_client, world):
    meeting = make_meeting(world.body)
    presented = make_item(meeting, presenter=world.guest)
    other = make_item(meeting)
    assert post(guest_client, item_url(presented)).status_code == 302
    assert post(guest_client, item_url(other)).status_code == 403
    document = Document.objects.get()
    assert (document.item, document.meeting, document.body) == (presented, meeting, world.body)


def test_presenter_may_upload_a_new_version_of_the_items_document(guest_client, world):
    meeting = make_meeting(world.body)
    presented = attach(world.member, item=make_item(meeting, presenter=world.guest))
    other = attach(world.member, item=make_item(meeting))
    url = "documents:new_version"
    assert guest_client.get(reverse(url, args=[presented.pk])).status_code == 200
    assert guest_client.get(reverse(url, args=[other.pk])).status_code == 403


# --- Uploads --------------------------------------------------------------------------------


def test_member_uploads_to_a_meeting_and_goes_back_to_next(member_client, world):
    meeting = make_meeting(world.body)
    back = reverse("documents:body_documents", args=[world.body.pk])
    response = post(member_client, meeting_url(meeting), next=back)
    assert response.status_code == 302
    assert response["Location"] == back
    document = Document.objects.get()
    assert (document.meeting, document.item, document.body) == (meeting, None, world.body)


def test_next_to_another_site_is_ignored(member_client, world):
    meeting = make_meeting(world.body)
    response = post(member_client, meeting_url(meeting), next="https://evil.example/")
    document = Document.objects.get()
    assert response["Location"] == document.get_absolute_url()


def test_member_uploads_to_an_item(member_client, world):
    item = make_item(make_meeting(world.body))
    assert post(member_client, item_url(item), name="plan.odt", data=odf()).status_code == 302
    document = Document.objects.get()
    assert (document.item, document.meeting) == (item, item.meeting)
    assert document.content_type == "application/vnd.oasis.opendocument.text"


def test_refused_upload_shows_the_form_again_and_writes_nothing(member_client, world, media_root):
    item = make_item(make_meeting(world.body))
    response = post(member_client, item_url(item), name="programme.exe", title="Mon titre")
    assert response.status_code == 200
    assert "ne sont pas acceptés" in response.content.decode()
    assert 'value="Mon titre"' in response.content.decode()
    assert not Document.objects.exists()
    assert not stored_files(media_root)


def test_meeting_page_links_to_the_upload(member_client, world):
    meeting = make_meeting(world.body)
    response = member_client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert meeting_url(meeting).encode() in response.content


# --- Lists and late documents -------------------------------------------------------------


def test_meeting_documents_include_items_and_only_latest_versions(world):
    meeting = make_meeting(world.body)
    item = make_item(meeting)
    on_meeting = attach(world.member, meeting=meeting)
    on_item = attach(world.member, item=item)
    latest = make_version(on_item, world.member)
    elsewhere = make_document(world.member, body=world.body)
    assert set(documents_for_meeting(meeting)) == {on_meeting, latest}
    assert list(documents_for_item(item)) == [latest]
    assert latest.item == item
    assert elsewhere not in documents_for_meeting(meeting)


def _at(document: Document, when: datetime) -> Document:
    Document.objects.filter(pk=document.pk).update(uploaded_at=when)
    document.refresh_from_db()
    return document


def test_late_documents_default_to_seven_days(world):
    meeting = make_meeting(world.body, starts_in=timedelta(days=3))
    on_time = _at(attach(world.member, meeting=meeting), meeting.starts_at - timedelta(8))
    late = _at(attach(world.member, meeting=meeting), meeting.starts_at - timedelta(6))
    assert late_documents(meeting) == [late]
    assert on_time not in late_documents(meeting)


def test_late_documents_follow_the_charter_notice(world):
    CharterFactory.create(body=world.body, notice_days=2, adopted_on=timezone.localdate())
    meeting = make_meeting(world.body, starts_in=timedelta(days=3))
    _at(attach(world.member, meeting=meeting), meeting.starts_at - timedelta(days=6))
    late = _at(attach(world.member, meeting=meeting), meeting.starts_at - timedelta(1))
    assert late_documents(meeting) == [late]


def test_body_documents_page_lists_meetings_documents_in_constant_queries(member_client, world):
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
        make_version(attach(world.member, item=item), world.member)
        attach(world.admin, meeting=meeting)
    # Session, user, the viewer's visible bodies, body, the upload right (the viewer's roles,
    # access) and the documents in one query with uploader, meeting, its body and item joined.
    many = queries()
    assert len(few) == 6, "\n".join(few)
    assert len(many) == len(few), "\n".join(many)
    assert f"point « {item.title} »" in member_client.get(url).content.decode()


def test_attach_wants_one_place(world):
    meeting = make_meeting(world.body)
    with pytest.raises(ValueError):
        document_attach(uploaded_by=world.member, upload=upload())
    with pytest.raises(ValueError):
        document_attach(
            uploaded_by=world.member, upload=upload(), meeting=meeting, item=make_item(meeting)
        )


# --- Demo -------------------------------------------------------------------------------------


def test_demo_attaches_the_note_to_its_item_of_the_convened_meeting(world, media_root):
    meeting = make_meeting(world.body, starts_in=timedelta(days=10))
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CONVENED)
    make_item(meeting, title="Tour de table")
    roads = make_item(meeting, title="Groupement de commandes pour l'entretien de la voirie")
    for _ in range(2):
        demo_agenda(world.territory)
        demo_documents(world.territory)
    documents = Document.objects.order_by("pk")
    assert len(documents) == 3
    # The note goes with the item it concerns; the others stay with the body.
    assert [d.item for d in documents] == [roads, None, None]
    assert [d.meeting for d in documents] == [meeting, None, None]
    for document in documents:
        assert (media_root / document.file.name).read_bytes().startswith(b"%PDF-")


def test_demo_without_meeting_shares_the_note_with_the_body(world):
    demo_agenda(world.territory)
    demo_documents(world.territory)
    assert Document.objects.filter(body=world.body, meeting__isnull=True).count() == 3
