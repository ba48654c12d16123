"""A document's page with its versions, the download and the deletion."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from conftest import client_for
from documents.models import Document
from documents.tests.conftest import stored_files
from documents.tests.factories import PDF, make_document, make_version, upload

pytestmark = pytest.mark.django_db


def detail_url(document):
    return reverse("documents:detail", args=[document.pk])


def download_url(document):
    return reverse("documents:download", args=[document.pk])


def delete_url(document):
    return reverse("documents:delete", args=[document.pk])


def version_url(document):
    return reverse("documents:new_version", args=[document.pk])


@pytest.fixture
def document(world):
    return make_document(world.member, body=world.body)


# --- Access ---------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, document):
    for url in [detail_url(document), download_url(document), version_url(document)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert client.post(delete_url(document))["Location"].startswith(reverse("accounts:login"))


def test_outsider_gets_404(outsider_client, document):
    for url in [detail_url(document), download_url(document), version_url(document)]:
        assert outsider_client.get(url).status_code == 404
    assert outsider_client.post(delete_url(document)).status_code == 404
    assert Document.objects.filter(pk=document.pk).exists()


def test_territory_member_outside_the_body_gets_404(world, document):
    client = client_for(world.lone_person)
    assert client.get(download_url(document)).status_code == 404


def test_wrong_methods_are_refused(member_client, document):
    assert member_client.post(download_url(document)).status_code == 405
    assert member_client.post(detail_url(document)).status_code == 405
    assert member_client.get(delete_url(document)).status_code == 405


# --- Download --------------------------------------------------------------------------------


def test_member_downloads_the_bytes_as_an_attachment(member_client, document):
    response = member_client.get(download_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="note.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_guest_of_the_body_may_download(guest_client, document):
    assert guest_client.get(download_url(document)).status_code == 200


def test_file_gone_from_storage_gives_404(member_client, document, media_root):
    (media_root / document.file.name).unlink()
    assert member_client.get(download_url(document)).status_code == 404


def test_media_url_does_not_serve_documents(member_client, document, settings):
    assert member_client.get(settings.MEDIA_URL + document.file.name).status_code == 404


# --- Versions -------------------------------------------------------------------------------


def test_new_version_links_the_previous_one(member_client, world, document):
    response = member_client.post(
        version_url(document), {"file": upload("note v2.pdf", PDF + b"%v2"), "title": ""}
    )
    assert response.status_code == 302
    latest = Document.objects.get(previous=document)
    assert latest.version == 2
    assert latest.title == document.title
    assert latest.lineage == document.lineage
    assert (latest.body, latest.meeting, latest.item) == (world.body, None, None)
    document.refresh_from_db()
    assert not document.is_latest


def test_list_shows_the_latest_with_its_history(member_client, world, document):
    latest = make_version(document, world.member)
    response = member_client.get(reverse("documents:body_documents", args=[world.body.pk]))
    assert list(response.context["documents"]) == [latest]
    response = member_client.get(detail_url(latest))
    assert list(response.context["versions"]) == [latest, document]
    assert "version 2" in response.content.decode()


def test_new_version_of_an_old_version_goes_to_the_latest(member_client, world, document):
    latest = make_version(document, world.member)
    response = member_client.get(version_url(document))
    assert response["Location"] == version_url(latest)


def test_service_refuses_a_second_follower(world, document):
    from django.core.exceptions import ValidationError

    make_version(document, world.member)
    document.refresh_from_db()
    with pytest.raises(ValidationError):
        make_version(document, world.member)
    assert Document.objects.count() == 2


def test_refused_new_version_writes_nothing(member_client, document, media_root):
    before = stored_files(media_root)
    response = member_client.post(version_url(document), {"file": upload("note.pdf", b"MZ")})
    assert response.status_code == 200
    assert Document.objects.count() == 1
    assert stored_files(media_root) == before


def test_guest_may_not_upload_a_version_of_a_body_document(guest_client, document):
    assert guest_client.get(version_url(document)).status_code == 403


# --- Delete ---------------------------------------------------------------------------------


def test_uploader_deletes_and_the_audit_trail_keeps_it(
    member_client, document, media_root, django_capture_on_commit_callbacks
):
    pk = document.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(delete_url(document))
    assert response.status_code == 302
    assert not Document.objects.filter(pk=pk).exists()
    assert not stored_files(media_root)
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Document),
        object_id=pk,
        action=LogEntry.Action.DELETE,
    )
    assert entry.additional_data == {"territory": document.body.territory_id}


def test_administrator_may_delete(admin_client_, document):
    assert admin_client_.post(delete_url(document)).status_code == 302
    assert not Document.objects.exists()


def test_other_member_may_not_delete(world, document):
    other = make_document(world.admin, body=world.body)
    client = client_for(world.member)
    assert client.post(delete_url(other)).status_code == 403
    assert client_for(world.guest).post(delete_url(document)).status_code == 403
    assert Document.objects.count() == 2


def test_deleting_a_middle_version_keeps_the_history_in_one_line(member_client, world, document):
    second = make_version(document, world.member)
    third = make_version(second, world.member)
    response = member_client.post(delete_url(second))
    assert response["Location"] == detail_url(third)
    third.refresh_from_db()
    assert third.previous == document
    assert third.version == 3


def test_detail_shows_delete_only_to_whom_may(world, document):
    other = make_document(world.admin, body=world.body, title="Autre")
    member = client_for(world.member)
    assert delete_url(document).encode() in member.get(detail_url(document)).content
    assert delete_url(other).encode() not in member.get(detail_url(other)).content
