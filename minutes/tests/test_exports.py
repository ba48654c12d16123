"""Exports: the minutes as PDF/A and ODT, the convocation and agenda as PDF. The text
is extracted back from each file and checked: real text, not an image."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.urls import reverse
from odf import teletype
from odf.opendocument import load
from odf.text import H, P
from pypdf import PdfReader

from minutes import exports, services
from minutes.tests.conftest import start_next_meeting

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_minutes_pdf_has_the_meeting_as_text(member_client, world, in_review):
    response = member_client.get(reverse("minutes:pdf", args=[in_review.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "compte-rendu-v1-conference-des-dgs-" in response["Content-Disposition"]
    text = pdf_text(response.content)
    for expected in [
        "CC du Pays Test",
        "Conférence des DGS",
        "Mairie de Saint-Essai",
        "Présent·es : Marc Membre, Sophie Scribe",
        "Rose Représentée (par Marc Membre)",
        "2. Schéma de mutualisation",
        "Issue : avis rendu",
        "Le groupe valide le calendrier du schéma.",
        "non approuvé",
    ]:
        assert expected in text, expected


def test_minutes_pdf_is_pdf_a_3b_with_embedded_fonts(in_review):
    reader = PdfReader(io.BytesIO(exports.minutes_pdf(in_review)))
    xmp = reader.xmp_metadata
    assert xmp is not None
    root: Any = reader.trailer["/Root"]
    raw = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")3", raw)
    assert re.search(r"pdfaid:conformance(>|=\")B", raw)
    assert "/OutputIntents" in root
    page: Any = reader.pages[0]
    fonts = page["/Resources"]["/Font"]
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "DejaVu" in descriptor["/FontName"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor


def test_approved_minutes_pdf_says_where_they_were_approved(held, in_review):
    start_next_meeting(held)
    minutes = services.minutes_approve(minutes=in_review, by=held.secretary)
    assert "Approuvé lors de la réunion du" in pdf_text(exports.minutes_pdf(minutes))


def test_minutes_odt_has_headings_and_paragraphs(member_client, in_review):
    response = member_client.get(reverse("minutes:odt", args=[in_review.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert "attachment" in response["Content-Disposition"]
    document = load(io.BytesIO(response.content))
    headings = [teletype.extractText(h) for h in document.getElementsByType(H)]
    paragraphs = [teletype.extractText(p) for p in document.getElementsByType(P)]
    assert headings[0].startswith("Compte-rendu de la réunion du")
    assert "Présences" in headings
    assert "1. Tour de table des communes" in headings
    assert "2. Schéma de mutualisation" in headings
    assert "CC du Pays Test · Conférence des DGS" in paragraphs
    assert "Lieu : Mairie de Saint-Essai" in paragraphs
    assert "Le groupe valide le calendrier du schéma." in paragraphs
    assert "Issue : avis rendu" in paragraphs
    assert any(p.startswith("Présent·es : Marc Membre") for p in paragraphs)
    # Headings carry their outline level: navigable in LibreOffice.
    content = zipfile.ZipFile(io.BytesIO(response.content)).read("content.xml").decode()
    assert '<text:h text:outline-level="2" text:style-name="Heading_20_2">Présences' in content
    assert 'text:outline-level="3" text:style-name="Heading_20_3">1. Tour de table' in content


def test_agenda_pdf_lists_the_accepted_items_and_the_people(member_client, held):
    response = member_client.get(reverse("minutes:agenda_pdf", args=[held.meeting.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    for expected in [
        "Convocation et ordre du jour",
        "CC du Pays Test",
        "Conférence des DGS",
        "Mairie de Saint-Essai",
        "Tour de table des communes",
        "Schéma de mutualisation",
        "Marc Membre",
        "Ernest Excusé",
    ]:
        assert expected in text, expected
    assert "Point seulement proposé" not in text
    assert text.index("Tour de table des communes") < text.index("Schéma de mutualisation")


def test_markup_typed_in_the_minutes_is_not_rendered(secretary_client, drafted):
    text = "Avant <script>alert(1)</script> <img src=x onerror=alert(2)> après"
    services.minutes_update(minutes=drafted, text=text, revision=1)
    content = secretary_client.get(reverse("minutes:detail", args=[drafted.pk])).content.decode()
    assert "<script>alert" not in content
    assert "onerror" not in content
    assert "Avant" in content and "après" in content
