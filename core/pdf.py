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
    document = weasyprint.HTML(string=html)
    options: dict[str, Any] = {"stylesheets": [_stylesheet()]}
    if variant:
        options["pdf_variant"] = variant
    pdf = document.write_pdf(**options)
    assert pdf is not None  # write_pdf without a target returns the bytes
    return bytes(pdf)
