"""The shared export helpers: HTML to a PDF with real text, sanitised HTML to ODT
headings, paragraphs, lists and spans."""

from __future__ import annotations

import io
import re
from typing import Any

from odf import teletype
from odf.opendocument import OpenDocumentText, load
from odf.text import H, List, P, Span
from pypdf import PdfReader

from core.markdown import render_markdown
from core.odt import OdtBuilder, odt_styles
from core.pdf import PDF_A_VARIANT, html_to_pdf


def test_html_to_pdf_keeps_the_text() -> None:
    content = html_to_pdf("<html><body><h1>Relevé</h1><p>Décision n° 1</p></body></html>")
    assert content.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Relevé" in text and "Décision n° 1" in text


def test_html_to_pdf_writes_the_archival_variant_on_request() -> None:
    content = html_to_pdf("<p>Archive</p>", variant=PDF_A_VARIANT)
    root: Any = PdfReader(io.BytesIO(content)).trailer["/Root"]
    raw = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")3", raw)


def test_odt_builder_makes_headings_paragraphs_lists_and_spans() -> None:
    document = OpenDocumentText()
    builder = OdtBuilder(document=document, styles=odt_styles(document))
    builder.feed(str(render_markdown("# Titre\n\nUn **mot** fort.\n\n- premier\n- second")))
    builder.close()
    output = io.BytesIO()
    document.save(output)
    output.seek(0)
    saved = load(output)
    headings = [teletype.extractText(h) for h in saved.getElementsByType(H)]
    paragraphs = [teletype.extractText(p) for p in saved.getElementsByType(P)]
    # Level 1 is the document's own title: the text's headings start at level 2.
    assert headings == ["Titre"]
    assert saved.getElementsByType(H)[0].getAttribute("outlinelevel") == "2"
    assert "Un mot fort." in paragraphs
    assert [teletype.extractText(s) for s in saved.getElementsByType(Span)] == ["mot"]
    assert len(saved.getElementsByType(List)) == 1
    assert {"premier", "second"} <= set(paragraphs)
