"""Exports of a body's register: its guests, who are no members of the territory and
cannot export the territory's register, export exactly what they read (PDF/A and ODT in
the request or through the task queue, the CSV streamed); an outsider gets a 404."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from bodies.tests.factories import BodyFactory
from conftest import client_for
from decisions.models import RegisterExportJob
from decisions.tests.register_helpers import record
from decisions.tests.test_register_export_jobs import download
from decisions.tests.test_register_exports import pdf_text, read_csv


def body_url(world: Any, kind: str) -> str:
    return reverse(f"decisions:body_register_{kind}", args=[world.body.pk])


@pytest.fixture
def entries(world):
    record(world.body, title="Groupement d'achats de papier", decided_on=date(2026, 2, 3))
    record(world.body, title="Programme de voirie", decided_on=date(2026, 3, 1))
    # Another body of the same territory, which the guest does not see.
    bureau = BodyFactory.create(territory=world.territory, name="Bureau communautaire")
    record(bureau, title="Achats du bureau", decided_on=date(2026, 2, 10))
    return world


def test_the_guest_sees_no_territory_export(entries, guest_client):
    # The premise: the guest reads the body's register but not the territory's.
    territory_csv = reverse("decisions:register_csv", args=[entries.territory.pk])
    assert guest_client.get(territory_csv).status_code == 404


def test_guest_exports_a_small_pdf_in_the_request(entries, guest_client):
    response = guest_client.get(body_url(entries, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Groupement d'achats de papier" in text
    assert "Programme de voirie" in text
    assert "Achats du bureau" not in text


def test_guest_streams_the_csv_with_the_filters_of_the_page(entries, guest_client):
    response = guest_client.get(body_url(entries, "csv"))
    assert isinstance(response, StreamingHttpResponse)
    titles = [row[4] for row in read_csv(response)[1:]]
    assert sorted(titles) == ["Groupement d'achats de papier", "Programme de voirie"]
    filtered = read_csv(guest_client.get(body_url(entries, "csv"), {"q": "achats"}))
    assert [row[4] for row in filtered[1:]] == ["Groupement d'achats de papier"]
    # A body filter in the query cannot widen the body's export.
    other = read_csv(guest_client.get(body_url(entries, "csv"), {"body": entries.other_body.pk}))
    assert len(other) == 3


def test_guest_exports_a_large_register_through_the_queue(entries, guest_client, settings):
    settings.CODIR_EXPORT_SYNC_MAX = 1
    page = guest_client.get(body_url(entries, "pdf"), {"start": "2026-01-01"})
    content = page.content.decode()
    request_url = reverse("decisions:body_register_export_request", args=[entries.body.pk])
    assert f'action="{request_url}"' in content
    response = guest_client.post(request_url, {"kind": "pdf", "query": "start=2026-01-01"})
    job = RegisterExportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.body, job.territory, job.total) == (entries.body, entries.territory, 2)
    assert job.status == RegisterExportJob.Status.READY
    status = guest_client.get(job.get_absolute_url()).content.decode()
    body_register = reverse("decisions:body_register", args=[entries.body.pk])
    assert f'href="{body_register}?start=2026-01-01"' in status
    text = pdf_text(download(guest_client, job))
    assert "Programme de voirie" in text
    assert "Achats du bureau" not in text
    # Listed among the guest's recent exports of the body's register.
    assert job.get_absolute_url() in guest_client.get(body_url(entries, "odt")).content.decode()
    # Once no longer a guest of the body, the export is out of reach.
    entries.guest.body_memberships.all().delete()
    assert guest_client.get(job.get_absolute_url()).status_code == 404


def test_a_too_large_body_pdf_is_refused(entries, guest_client, settings):
    settings.CODIR_EXPORT_SYNC_MAX = 1
    settings.CODIR_EXPORT_PDF_MAX = 1
    request_url = reverse("decisions:body_register_export_request", args=[entries.body.pk])
    response = guest_client.post(request_url, {"kind": "pdf", "query": ""})
    assert response["Location"] == reverse("decisions:body_register", args=[entries.body.pk]) + "?"
    assert not RegisterExportJob.objects.exists()


def test_the_body_register_links_the_bodys_exports(entries, member_client, guest_client):
    url = reverse("decisions:body_register", args=[entries.body.pk])
    for client in (member_client, guest_client):
        content = client.get(url, {"q": "achats", "page": 2}).content.decode()
        assert f"{body_url(entries, 'csv')}?q=achats" in content
        assert f"{body_url(entries, 'pdf')}?q=achats" in content
    # The member, who sees the territory, also has its register; the guest does not.
    territory_register = reverse("decisions:register", args=[entries.territory.pk])
    assert territory_register in member_client.get(url).content.decode()
    assert territory_register not in guest_client.get(url).content.decode()


@pytest.mark.parametrize("who", ["outsider", "lone_person"])
def test_outsider_gets_404_on_the_body_exports(entries, who):
    client = client_for(getattr(entries, who))
    for kind in ("pdf", "odt", "csv"):
        assert client.get(body_url(entries, kind)).status_code == 404
    request_url = reverse("decisions:body_register_export_request", args=[entries.body.pk])
    assert client.post(request_url, {"kind": "pdf", "query": ""}).status_code == 404
    assert not RegisterExportJob.objects.exists()
