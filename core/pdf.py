"""PDF rendering shared by every export (convocations, minutes, the register).

PDFs are rendered by WeasyPrint from HTML, with the print stylesheet `export.css`; the
text is real text in a bundled font (DejaVu, found by Pango through fontconfig).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import weasyprint

# Archival PDF: fonts embedded, XMP metadata (minutes, the register).
PDF_A_VARIANT = "pdf/a-3b"
EXPORT_CSS = Path(__file__).with_name("export.css")


def _stylesheet() -> weasyprint.CSS:
    return weasyprint.CSS(string=EXPORT_CSS.read_text(encoding="utf-8"))


def html_to_pdf(html: str, *, variant: str | None = None) -> bytes:
    return write_pdf(render_html(html, variant=variant), variant=variant)


def render_html(html: str, *, variant: str | None = None) -> Any:
    """The laid out document (weasyprint.Document): its pages can be counted before it is
    written (a PDF built in parts numbers its pages on)."""
    options: dict[str, Any] = {"stylesheets": [_stylesheet()]}
    if variant:
        options["pdf_variant"] = variant
    return weasyprint.HTML(string=html).render(**options)


def write_pdf(document: Any, *, variant: str | None = None) -> bytes:
    options: dict[str, Any] = {"pdf_variant": variant} if variant else {}
    pdf = document.write_pdf(**options)
    assert pdf is not None  # write_pdf without a target returns the bytes
    return bytes(pdf)
