"""Exports of the register: PDF/A-3b, ODT and CSV, read back from the files, with the
filters of the page applied."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from odf import teletype
from odf.opendocument import load
from odf.text import H, P
from pypdf import PdfReader

from decisions.models import Decision, Process
from decisions.register.exports import csv_row
from decisions.register.selectors import Status
from decisions.tests.register_helpers import make_object, record, streamed


def export_url(world: Any, kind: str) -> str:
    return reverse(f"decisions:register_{kind}", args=[world.territory.pk])


@pytest.fixture
def entries(world):
    obj = make_object(world.body, title="Mutualisation des achats")
    old = record(
        world.body,
        title="Groupement d'achats de papier",
        text="Les communes achètent **ensemble** leur papier.\n\n- ramettes\n- enveloppes",
        object=obj,
        decided_on=date(2026, 2, 3),
        review_on=date(2027, 2, 3),
    )
    record(
        world.body,
        title="Groupement d'achats élargi",
        text="Le groupement s'étend aux fournitures.",
        object=obj,
        amends=old,
        decided_on=date(2026, 5, 4),
    )
    record(
        world.body,
        title="Programme de voirie",
        text="Avis favorable au programme.",
        kind=Decision.Kind.OPINION,
        process=Process.OPINION,
        decided_on=date(2026, 3, 1),
    )
    return world


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_is_pdf_a_with_every_entry_as_text(entries, member_client):
    response = member_client.get(export_url(entries, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "releve-cc-du-pays-test-" in response["Content-Disposition"]
    text = pdf_text(response.content)
    for expected in [
        "Relevé de décisions · CC du Pays Test",
        "2026-001 · Groupement d'achats de papier",
        "2026-002 · Groupement d'achats élargi",
        "Programme de voirie",
        "Les communes achètent ensemble leur papier.",
        "modifiée",
        "Mutualisation des achats",
    ]:
        assert expected in text, expected
    root: Any = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    raw = root["/Metadata"]
    metadata = raw.get_object().get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")3", metadata)


def test_pdf_applies_the_filters_of_the_page(entries, member_client):
    response = member_client.get(export_url(entries, "pdf"), {"kind": "avis"})
    text = pdf_text(response.content)
    assert "Programme de voirie" in text
    assert "Groupement" not in text
    assert "Nature : avis" in text


def test_odt_has_a_heading_per_decision(entries, member_client):
    response = member_client.get(export_url(entries, "odt"), {"q": "achats"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert "attachment" in response["Content-Disposition"]
    document = load(io.BytesIO(response.content))
    headings = [teletype.extractText(h) for h in document.getElementsByType(H)]
    paragraphs = [teletype.extractText(p) for p in document.getElementsByType(P)]
    assert headings == [
        "Relevé de décisions · CC du Pays Test",
        "2026-002 · Groupement d'achats élargi",
        "2026-001 · Groupement d'achats de papier",
    ]
    assert "Les communes achètent ensemble leur papier." in paragraphs
    assert "ramettes" in paragraphs
    assert "Modifie : 2026-001" in paragraphs
    assert "Recherche : « achats »" in paragraphs


def read_csv(response: Any) -> list[list[str]]:
    # The CSV streams (StreamingHttpResponse): memory stays bounded whatever its size.
    assert isinstance(response, StreamingHttpResponse)
    content = streamed(response)
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM French spreadsheets expect
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_csv_has_one_row_per_decision(entries, member_client):
    response = member_client.get(export_url(entries, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0] == [
        "Numéro",
        "Date",
        "Nature",
        "Processus",
        "Intitulé",
        "Instance",
        "Objet",
        "État",
        "À revoir le",
        "Modifie",
        "Remplace",
    ]
    assert rows[1:] == [
        [
            "2026-002",
            "2026-05-04",
            "décision",
            "consentement",
            "Groupement d'achats élargi",
            "Conférence des DGS",
            "Mutualisation des achats",
            "en vigueur",
            "",
            "2026-001",
            "",
        ],
        [
            "2026-003",
            "2026-03-01",
            "avis",
            "avis collectif",
            "Programme de voirie",
            "Conférence des DGS",
            "",
            "en vigueur",
            "",
            "",
            "",
        ],
        [
            "2026-001",
            "2026-02-03",
            "décision",
            "consentement",
            "Groupement d'achats de papier",
            "Conférence des DGS",
            "Mutualisation des achats",
            "modifiée",
            "2027-02-03",
            "",
            "",
        ],
    ]


def test_csv_keeps_the_search_and_period(entries, member_client):
    response = member_client.get(export_url(entries, "csv"), {"q": "achat", "start": "2026-04-01"})
    rows = read_csv(response)
    assert [row[0] for row in rows[1:]] == ["2026-002"]
    odt = member_client.get(export_url(entries, "odt"), {"q": "achat", "start": "2026-04-01"})
    document = load(io.BytesIO(odt.content))
    paragraphs = [teletype.extractText(p) for p in document.getElementsByType(P)]
    assert "Depuis le : 1er avril 2026" in paragraphs


def test_body_register_links_its_own_exports(entries, member_client):
    response = member_client.get(
        reverse("decisions:body_register", args=[entries.body.pk]), {"q": "achats", "page": 2}
    )
    content = response.content.decode()
    body_csv = reverse("decisions:body_register_csv", args=[entries.body.pk])
    assert f"{body_csv}?q=achats" in content
    assert export_url(entries, "csv") not in content


def test_an_empty_export_still_opens(world, member_client):
    rows = read_csv(member_client.get(export_url(world, "csv")))
    assert len(rows) == 1
    document = load(io.BytesIO(member_client.get(export_url(world, "odt")).content))
    paragraphs = [teletype.extractText(p) for p in document.getElementsByType(P)]
    assert "Aucune décision ne correspond." in paragraphs


def test_csv_neutralises_cells_a_spreadsheet_would_read_as_formulas(world, member_client):
    record(world.body, title='=HYPERLINK("http://x")', decided_on=date(2026, 1, 2))
    rows = read_csv(member_client.get(export_url(world, "csv")))
    assert rows[1][4] == '\'=HYPERLINK("http://x")'
    assert rows[1][0] == "2026-001"  # a plain cell stays as it is


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_every_formula_start(world, start):
    decision = record(world.body, title=f"{start}1+1")
    decision.status = Status.IN_FORCE  # type: ignore[attr-defined]
    assert csv_row(decision)[4] == f"'{start}1+1"
