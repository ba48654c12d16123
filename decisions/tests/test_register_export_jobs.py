"""Large register exports go through the task queue (the immediate backend runs the task
at once in tests): the request, its page, the download, who reaches it, failure and retry,
expiry. The CSV streams whatever its size."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from odf import teletype
from odf.opendocument import load
from odf.text import H
from pypdf import PdfReader

from conftest import client_for
from decisions.models import Decision, Process, RegisterExportJob
from decisions.register import export_jobs, exports
from decisions.tests.register_helpers import record, streamed


@pytest.fixture
def entries(world, settings):
    settings.CODIR_EXPORT_SYNC_MAX = 2  # three decisions: above the threshold
    record(world.body, title="Groupement d'achats de papier", decided_on=date(2026, 2, 3))
    record(world.body, title="Groupement d'achats élargi", decided_on=date(2026, 5, 4))
    record(
        world.body,
        title="Programme de voirie",
        kind=Decision.Kind.OPINION,
        process=Process.OPINION,
        decided_on=date(2026, 3, 1),
    )
    return world


def export_url(world: Any, kind: str) -> str:
    return reverse(f"decisions:register_{kind}", args=[world.territory.pk])


def request_export(client: Any, world: Any, kind: str, query: str = "") -> RegisterExportJob:
    url = reverse("decisions:register_export_request", args=[world.territory.pk])
    response = client.post(url, {"kind": kind, "query": query})
    job = RegisterExportJob.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    return job


def download(client: Any, job: RegisterExportJob) -> bytes:
    response = client.get(reverse("decisions:register_export_download", args=[job.pk]))
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    return streamed(response)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_small_register_is_still_exported_in_the_request(entries, member_client, settings):
    settings.CODIR_EXPORT_SYNC_MAX = 3
    response = member_client.get(export_url(entries, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert not RegisterExportJob.objects.exists()


def test_a_large_register_offers_to_prepare_the_file(entries, member_client):
    # The threshold counts the rows of the filtered register: a search keeping two exports
    # in the request.
    response = member_client.get(export_url(entries, "odt"), {"q": "groupement"})
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    response = member_client.get(export_url(entries, "odt"), {"kind": "decision"})
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    response = member_client.get(export_url(entries, "odt"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ce relevé compte 3 décisions" in content
    assert 'name="kind" value="odt"' in content
    assert not RegisterExportJob.objects.exists()  # nothing queued by a GET


def test_the_prepared_pdf_is_built_by_the_task_and_downloaded(entries, member_client):
    job = request_export(member_client, entries, "pdf")
    assert job.status == RegisterExportJob.Status.READY
    assert (job.total, job.done, job.attempts) == (3, 3, 1)
    assert job.peak_rss_mb and job.peak_rss_mb > 0
    assert job.expires_at is not None and job.expires_at > timezone.now()
    assert default_storage.exists(job.file.name)
    page = member_client.get(job.get_absolute_url()).content.decode()
    assert "Le fichier est prêt." in page
    assert reverse("decisions:register_export_download", args=[job.pk]) in page
    text = pdf_text(download(member_client, job))
    assert "Relevé de décisions · CC du Pays Test" in text
    assert "2026-003 · Programme de voirie" in text
    assert "Groupement d'achats élargi" in text


def test_a_large_pdf_is_laid_out_in_parts_put_together(entries, member_client, monkeypatch):
    """Above PDF_PART_SIZE decisions the PDF is laid out a part at a time (memory bounded
    by one part) and put together: every decision once, in order, the title once, the
    pages numbered on from part to part, the first part's PDF/A metadata kept."""
    monkeypatch.setattr(exports, "PDF_PART_SIZE", 1)
    job = request_export(member_client, entries, "pdf")
    assert job.status == RegisterExportJob.Status.READY
    reader = PdfReader(io.BytesIO(download(member_client, job)))
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert text.count("Relevé de décisions · CC du Pays Test") == 1
    assert "3 entrées" in text
    # The register's order: latest first.
    titles = ["Groupement d'achats élargi", "Programme de voirie", "Groupement d'achats de papier"]
    assert [text.index(title) for title in titles] == sorted(text.index(t) for t in titles)
    numbers = [page.split()[-1] for page in pages]
    assert numbers == [str(n) for n in range(1, len(pages) + 1)]
    assert "pdfaid" in str(reader.xmp_metadata.stream.get_data() if reader.xmp_metadata else b"")


def test_the_prepared_export_keeps_the_filters_of_the_page(entries, member_client):
    job = request_export(member_client, entries, "odt", query="kind=avis")
    document = load(io.BytesIO(download(member_client, job)))
    headings = [teletype.extractText(h) for h in document.getElementsByType(H)]
    assert headings == ["Relevé de décisions · CC du Pays Test", "2026-003 · Programme de voirie"]
    assert job.filename.endswith(".odt")


def test_the_progress_fragment_polls_while_the_export_runs(entries, member_client):
    job = request_export(member_client, entries, "pdf")
    RegisterExportJob.objects.filter(pk=job.pk).update(
        status=RegisterExportJob.Status.RUNNING, total=300, done=100
    )
    response = member_client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert 'hx-trigger="every 2s"' in fragment
    assert "Lecture des décisions : 100 sur 300." in fragment
    assert 'value="33"' in fragment
    # Every row read, the PDF being laid out: no count to show, an indeterminate bar.
    RegisterExportJob.objects.filter(pk=job.pk).update(done=300)
    fragment = member_client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "Mise en page du PDF" in fragment
    assert '<progress id="export-bar-' in fragment and "value=" not in fragment
    RegisterExportJob.objects.filter(pk=job.pk).update(status=RegisterExportJob.Status.READY)
    fragment = member_client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in fragment.content.decode()  # done: the polling stops


def test_a_failing_export_says_so_in_french_and_can_be_retried(entries, member_client, monkeypatch):
    def broken(*args: Any) -> bytes:
        raise RuntimeError("renderer down")

    monkeypatch.setattr(exports, "register_pdf", broken)
    job = request_export(member_client, entries, "pdf")
    assert job.status == RegisterExportJob.Status.FAILED
    assert not job.file
    page = member_client.get(job.get_absolute_url()).content.decode()
    assert "La préparation du fichier a échoué." in page
    assert "Réessayer" in page
    retry = reverse("decisions:register_export_retry", args=[job.pk])
    assert member_client.get(retry).status_code == 405
    monkeypatch.undo()
    assert member_client.post(retry).status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempts) == (RegisterExportJob.Status.READY, 2)
    assert "Programme de voirie" in pdf_text(download(member_client, job))


@pytest.mark.parametrize("status", ["queued", "running"])
def test_an_export_whose_worker_died_is_shown_failed_and_can_be_retried(
    entries, member_client, settings, status
):
    """A worker killed in the middle leaves no sign of life: after
    CODIR_EXPORT_STALE_MINUTES the export is failed, not "en préparation" for ever."""
    settings.CODIR_EXPORT_STALE_MINUTES = 30
    job = RegisterExportJob.objects.create(
        requested_by=entries.member,
        territory=entries.territory,
        kind=RegisterExportJob.Kind.ODT,
        source="x",
        status=status,
        done=1,
        total=3,
    )
    page = member_client.get(job.get_absolute_url()).content.decode()
    assert "Réessayer" not in page  # alive: still in progress
    RegisterExportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - timedelta(minutes=31)
    )
    page = member_client.get(job.get_absolute_url()).content.decode()
    assert "La préparation du fichier a échoué." in page and "Réessayer" in page
    retry = reverse("decisions:register_export_retry", args=[job.pk])
    assert member_client.post(retry).status_code == 302
    job.refresh_from_db()
    assert job.status == RegisterExportJob.Status.READY  # the immediate backend built it


def test_progress_keeps_an_export_alive(entries, member_client, settings):
    settings.CODIR_EXPORT_STALE_MINUTES = 30
    job = request_export(member_client, entries, "odt")
    job.refresh_from_db()
    assert job.status == RegisterExportJob.Status.READY
    assert timezone.now() - job.heartbeat_at < timedelta(minutes=1)
    # The list of recent exports marks the dead ones too.
    RegisterExportJob.objects.filter(pk=job.pk).update(
        status=RegisterExportJob.Status.RUNNING,
        heartbeat_at=timezone.now() - timedelta(hours=1),
    )
    export_jobs.recent_exports(entries.member, export_jobs.Scope(entries.territory))
    job.refresh_from_db()
    assert job.status == RegisterExportJob.Status.FAILED


@pytest.mark.parametrize("who", ["admin", "guest", "outsider", "lone_person"])
def test_only_the_requester_reaches_the_export(entries, member_client, who):
    """Even the territory's administrator gets a 404: the file holds what the requester
    could see, and anyone else asks for their own (export_jobs' docstring)."""
    job = request_export(member_client, entries, "pdf")
    client = client_for(getattr(entries, who))
    assert client.get(job.get_absolute_url()).status_code == 404
    url = reverse("decisions:register_export_download", args=[job.pk])
    assert client.get(url).status_code == 404
    url = reverse("decisions:register_export_retry", args=[job.pk])
    assert client.post(url).status_code == 404


def test_a_requester_who_left_the_territory_no_longer_reaches_it(entries, member_client):
    job = request_export(member_client, entries, "pdf")
    entries.member.territory_memberships.all().delete()
    entries.member.body_memberships.all().delete()
    assert member_client.get(job.get_absolute_url()).status_code == 404


def test_an_outsider_cannot_request_an_export_of_the_territory(entries, outsider_client):
    url = reverse("decisions:register_export_request", args=[entries.territory.pk])
    assert outsider_client.post(url, {"kind": "pdf"}).status_code == 404
    assert not RegisterExportJob.objects.exists()


def test_an_unknown_format_is_refused(entries, member_client):
    url = reverse("decisions:register_export_request", args=[entries.territory.pk])
    assert member_client.post(url, {"kind": "exe"}).status_code == 400
    assert not RegisterExportJob.objects.exists()


def test_expired_exports_are_no_longer_served_and_are_purged(entries, member_client):
    old = request_export(member_client, entries, "pdf")
    fresh = request_export(member_client, entries, "pdf")
    RegisterExportJob.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    url = reverse("decisions:register_export_download", args=[old.pk])
    assert member_client.get(url).status_code == 404
    assert "a expiré" in member_client.get(old.get_absolute_url()).content.decode()
    out = io.StringIO()
    call_command("purge_register_exports", stdout=out)
    assert "1 export(s) supprimé(s)." in out.getvalue()
    assert list(RegisterExportJob.objects.all()) == [fresh]
    assert not default_storage.exists(old.file.name)
    assert default_storage.exists(fresh.file.name)


def test_an_export_that_never_finished_is_purged_after_the_keeping_time(entries, settings):
    job = RegisterExportJob.objects.create(
        requested_by=entries.member,
        territory=entries.territory,
        kind=RegisterExportJob.Kind.PDF,
        source="x",
        status=RegisterExportJob.Status.RUNNING,
    )
    assert export_jobs.purge_expired_exports() == 0
    later = timezone.now() + timedelta(hours=settings.CODIR_EXPORT_KEEP_HOURS, minutes=1)
    assert export_jobs.purge_expired_exports(later) == 1
    assert not RegisterExportJob.objects.filter(pk=job.pk).exists()


def test_the_task_builds_a_queued_export_once(entries):
    job = RegisterExportJob.objects.create(
        requested_by=entries.member,
        territory=entries.territory,
        kind=RegisterExportJob.Kind.ODT,
        source="x",
    )
    export_jobs.build_register_export.call(job.pk)
    assert export_jobs.export_build(job_id=job.pk) == "skipped"  # already built
    job.refresh_from_db()
    assert (job.status, job.attempts) == (RegisterExportJob.Status.READY, 1)


def test_the_csv_streams_every_row_a_chunk_at_a_time(
    world, member_client, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(export_jobs, "CHUNK_SIZE", 7)
    for day in range(1, 31):
        record(world.body, title=f"Décision du {day}", decided_on=date(2026, 1, day))
    response = member_client.get(export_url(world, "csv"))
    assert isinstance(response, StreamingHttpResponse)
    # Scope, count, then the rows 7 at a time (5 chunks): the queries do not grow per row.
    with django_assert_max_num_queries(12):
        lines = streamed(response).decode("utf-8-sig").splitlines()
    assert len(lines) == 31
    assert lines[1].startswith("2026-030;2026-01-30;")
    assert lines[-1].startswith("2026-001;2026-01-01;")


def test_a_pdf_above_the_limit_is_not_offered(entries, member_client, settings):
    """WeasyPrint's memory grows with the PDF: above CODIR_EXPORT_PDF_MAX decisions only
    the ODT and the CSV are offered, and a forged request is refused in French."""
    settings.CODIR_EXPORT_PDF_MAX = 2
    content = member_client.get(export_url(entries, "pdf")).content.decode()
    assert "Un PDF de plus de 2 décisions n’est pas proposé" in content
    assert 'name="kind"' not in content
    assert export_url(entries, "odt") in content
    url = reverse("decisions:register_export_request", args=[entries.territory.pk])
    response = member_client.post(url, {"kind": "pdf", "query": "q="}, follow=True)
    assert "Un PDF de plus de 2 décisions n’est pas proposé" in response.content.decode()
    assert not RegisterExportJob.objects.exists()
    assert member_client.post(url, {"kind": "odt"}).status_code == 302


def test_the_export_page_lists_the_requesters_recent_exports(entries, member_client, settings):
    job = request_export(member_client, entries, "odt")
    expired = request_export(member_client, entries, "pdf")
    RegisterExportJob.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    content = member_client.get(export_url(entries, "pdf")).content.decode()
    assert "Vos exports récents" in content
    assert f'href="{job.get_absolute_url()}"' in content
    assert expired.get_absolute_url() not in content
    other = client_for(entries.admin).get(export_url(entries, "pdf")).content.decode()
    assert "Vos exports récents" not in other  # the requester's own only
