"""Uploading to a body: who may, and what a refused upload leaves behind (nothing). The
upload pages of a meeting and of an agenda item are meetings' (test_attachments.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for
from documents.models import Document
from documents.tests.conftest import stored_files
from documents.tests.factories import EXE, PDF, PNG, make_document, odf, upload

pytestmark = pytest.mark.django_db


def body_url(body):
    return reverse("documents:body_documents", args=[body.pk])


def version_url(document):
    return reverse("documents:new_version", args=[document.pk])


def post(client, url, name="note.pdf", data=PDF, title="Note de présentation", **extra):
    return client.post(url, {"file": upload(name, data), "title": title, **extra})


# --- Access -------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(body_url(world.body))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_outsider_gets_404(outsider_client, world, media_root):
    assert outsider_client.get(body_url(world.body)).status_code == 404
    assert post(outsider_client, body_url(world.body)).status_code == 404
    assert not Document.objects.exists()
    assert not stored_files(media_root)


def test_wrong_method_is_refused(member_client, world):
    assert member_client.put(body_url(world.body)).status_code == 405


def test_member_sees_the_form(member_client, world):
    response = member_client.get(body_url(world.body))
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b'accept=".pdf,' in response.content


def test_guest_sees_the_list_but_may_not_upload_to_the_body(guest_client, world, media_root):
    response = guest_client.get(body_url(world.body))
    assert response.status_code == 200
    assert b"multipart/form-data" not in response.content
    assert post(guest_client, body_url(world.body)).status_code == 403
    assert not Document.objects.exists()
    assert not stored_files(media_root)


def test_administrator_of_the_territory_may_upload(admin_client_, world):
    assert post(admin_client_, body_url(world.body)).status_code == 302
    assert Document.objects.get().uploaded_by == world.admin


# --- Uploads --------------------------------------------------------------------------------


def test_member_uploads_to_the_body(member_client, world, media_root):
    response = post(member_client, body_url(world.body), name="Note de présentation été.PDF")
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.body == world.body
    assert document.meeting is None
    assert document.title == "Note de présentation"
    assert document.original_name == "Note de présentation été.PDF"
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    assert document.version == 1
    assert document.uploaded_by == world.member
    # Stored under a random folder with a sanitised name, never the user's.
    parts = document.file.name.split("/")
    assert parts[0] == "documents"
    assert parts[1] == str(world.body.pk)
    assert len(parts[2]) == 32
    assert parts[3] == "note-de-presentation-ete.pdf"
    assert (media_root / document.file.name).read_bytes() == PDF


def test_title_defaults_to_the_file_name(member_client, world):
    post(member_client, body_url(world.body), name="Diagnostic petite enfance.pdf", title="")
    assert Document.objects.get().title == "Diagnostic petite enfance"


def test_two_uploads_of_the_same_name_never_collide(member_client, world):
    post(member_client, body_url(world.body))
    post(member_client, body_url(world.body))
    first, second = Document.objects.order_by("pk")
    assert first.file.name != second.file.name
    assert first.filename == second.filename == "note.pdf"


def test_path_traversal_name_is_stored_inside_media_root(member_client, world, media_root):
    post(member_client, body_url(world.body), name="../../etc/passwd.pdf")
    document = Document.objects.get()
    assert document.original_name == "passwd.pdf"
    assert document.filename == "passwd.pdf"
    assert (media_root / document.file.name).resolve().is_relative_to(media_root.resolve())


def test_new_version_goes_back_to_next(member_client, world):
    document = make_document(world.member, body=world.body)
    back = reverse("documents:body_documents", args=[world.body.pk])
    response = post(member_client, version_url(document), next=back)
    assert response.status_code == 302
    assert response["Location"] == back
    assert Document.objects.get(previous=document).version == 2


def test_next_to_another_site_is_ignored(member_client, world):
    document = make_document(world.member, body=world.body)
    response = post(member_client, version_url(document), next="https://evil.example/")
    latest = Document.objects.get(previous=document)
    assert response["Location"] == latest.get_absolute_url()


# --- Refused uploads leave nothing ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("note.pdf", PNG, "ne correspond pas"),
        ("note.pdf", EXE, "ne correspond pas"),
        ("programme.exe", EXE, "ne sont pas acceptés"),
        ("plan.odt", odf("application/vnd.oasis.opendocument.spreadsheet"), "ne correspond pas"),
    ],
)
def test_refused_upload_writes_nothing_and_keeps_the_title(
    member_client, world, media_root, name, data, message
):
    response = post(member_client, body_url(world.body), name=name, data=data, title="Mon titre")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="Mon titre"' in response.content.decode()
    assert not Document.objects.exists()
    assert not stored_files(media_root)


def test_too_large_upload_writes_nothing(member_client, world, media_root, settings):
    settings.CODIR_UPLOAD_MAX_BYTES = 50
    response = post(member_client, body_url(world.body))
    assert response.status_code == 200
    assert "la limite est de 50" in response.content.decode()
    assert not Document.objects.exists()
    assert not stored_files(media_root)


def test_missing_file_is_asked_for(member_client, world):
    response = member_client.post(body_url(world.body), {"title": "Sans fichier"})
    assert response.status_code == 200
    assert "Choisissez un fichier" in response.content.decode()
    assert not Document.objects.exists()


def test_failure_while_saving_the_row_removes_the_file(world, media_root, monkeypatch):
    from documents import services
    from documents.models import Document as Model

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(Model, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.document_upload(uploaded_by=world.member, upload=upload(), body=world.body)
    assert not stored_files(media_root)


def test_former_member_may_not_upload(world, media_root):
    from datetime import timedelta

    from django.utils import timezone

    world.member_seat.start_date = timezone.localdate() - timedelta(days=30)
    world.member_seat.end_date = timezone.localdate() - timedelta(days=1)
    world.member_seat.save()
    client = client_for(world.member)
    assert post(client, body_url(world.body)).status_code == 404
    assert not stored_files(media_root)
