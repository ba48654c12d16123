"""Exports of the (filtered) register: PDF/A-3b for the archive, ODT to edit, CSV for a
spreadsheet. The PDF and the ODT reuse the minutes' machinery (minutes/exports.py): the
same WeasyPrint stylesheet and the same HTML→ODT builder, fed with the sanitised HTML of
each decision's text."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain, count, islice

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from odf import teletype
from odf.opendocument import OpenDocumentText
from odf.text import H, P, Span
from pypdf import PdfReader, PdfWriter

from core.french import french_date
from core.markdown import render_markdown
from core.odt import OdtBuilder, odt_styles
from core.pdf import PDF_A_VARIANT, html_to_pdf, render_html, write_pdf
from core.text import neutralise_cell
from decisions.models import Decision, Process
from decisions.register.selectors import status_label


def csv_header() -> list[str]:
    return [
        _("Numéro"),
        _("Date"),
        _("Nature"),
        _("Processus"),
        _("Intitulé"),
        _("Instance"),
        _("Objet"),
        _("État"),
        _("À revoir le"),
        _("Modifie"),
        _("Remplace"),
    ]


@dataclass(frozen=True)
class RegisterExport:
    """What an export shows: its title, the place it comes from, the filters applied (in
    words) and the rows (Decisions annotated with `status`, see register_entries): a
    list, or an iterator over the query (`.iterator(chunk_size=…)`) read once, `total`
    rows long."""

    title: str
    source: str
    filters: list[str]
    rows: Iterable[Decision]
    total: int


# Told how many rows are done, every PROGRESS_EVERY rows (the background export's bar).
Progress = Callable[[int], None]
PROGRESS_EVERY = 100


def _counted(rows: Iterable[Decision], progress: Progress | None) -> Iterator[Decision]:
    done = 0
    for done, row in enumerate(rows, start=1):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done)
        yield row
    if progress is not None:
        progress(done)


def filename(export: RegisterExport, extension: str) -> str:
    return f"releve-{slugify(export.source)}-{timezone.localdate().isoformat()}.{extension}"


def _day(value: date | None) -> str:
    return french_date(value, "DATE_FORMAT") if value else ""


def _facts(decision: Decision) -> list[tuple[str, str]]:
    facts = [
        (_("Date"), _day(decision.decided_on)),
        (_("Nature"), str(decision.get_kind_display())),
        (_("Processus"), str(decision.get_process_display())),
        (_("Instance"), decision.body.name),
        (_("État"), status_label(decision.status)),  # type: ignore[attr-defined]
    ]
    if decision.object is not None:
        facts.append((_("Objet"), decision.object.title))
    if decision.review_on:
        facts.append((_("À revoir le"), _day(decision.review_on)))
    if decision.amends is not None:
        facts.append((_("Modifie"), decision.amends.reference))
    if decision.supersedes is not None:
        facts.append((_("Remplace"), decision.supersedes.reference))
    return facts


def register_html(
    export: RegisterExport,
    progress: Progress | None = None,
    *,
    rows: Iterable[Decision] | None = None,
    part: PdfPart | None = None,
) -> str:
    """The HTML of the register, or of one part of a PDF built in parts (`rows` then
    holds the part's decisions; only the first part has the title)."""
    context = {
        "language": translation.get_language() or "fr",
        "export": export,
        "entries": [
            (decision, _facts(decision), render_markdown(decision.text))
            for decision in (rows if rows is not None else _counted(export.rows, progress))
        ],
        "count": export.total,
        "part": part,
        "generated_on": timezone.localdate(),
    }
    return render_to_string("decisions/register/export.html", context)


# Decisions laid out by WeasyPrint at a time in a PDF built in parts (issue 9).
PDF_PART_SIZE = 250


@dataclass(frozen=True)
class PdfPart:
    """One part of a PDF built in parts: its pages are numbered from `first_page`."""

    index: int
    first_page: int


def register_pdf(export: RegisterExport, progress: Progress | None = None) -> bytes:
    """PDF/A-3b: fonts embedded, XMP metadata, fit for the archive.

    WeasyPrint lays out a whole document at once, in memory that grows with its pages
    (about 0.27 MB per decision: 1.2 GB for 4,200). Up to PDF_PART_SIZE decisions the
    PDF is one document, its pages numbered « 3 / 12 ». Above, it is laid out in parts
    of PDF_PART_SIZE decisions, each written to PDF and freed before the next, then put
    together by pypdf: memory is bounded by one part whatever the register's size. The
    pages are numbered on from part to part (« page 37 »: the total is not known while
    the first parts are laid out), and the file keeps the first part's PDF/A metadata
    (the parts are each PDF/A-3b; the whole was not checked by a validator)."""
    rows = _counted(export.rows, progress)
    first = list(islice(rows, PDF_PART_SIZE + 1))
    if len(first) <= PDF_PART_SIZE:
        return html_to_pdf(register_html(export, rows=first), variant=PDF_A_VARIANT)
    return _pdf_in_parts(export, chain(first, rows))


def _pdf_in_parts(export: RegisterExport, rows: Iterator[Decision]) -> bytes:
    writer: PdfWriter | None = None
    next_page = 1
    for index in count():
        decisions = list(islice(rows, PDF_PART_SIZE))
        if not decisions:
            break
        part = PdfPart(index=index, first_page=next_page)
        document = render_html(
            register_html(export, rows=decisions, part=part), variant=PDF_A_VARIANT
        )
        next_page += len(document.pages)
        content = write_pdf(document, variant=PDF_A_VARIANT)
        del document, decisions  # the layout's memory goes before the next part's
        reader = PdfReader(io.BytesIO(content))
        if writer is None:
            writer = PdfWriter(clone_from=reader)  # catalogue, XMP and output intent
        else:
            writer.append(reader)
    assert writer is not None  # called with at least one part
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def register_odt(export: RegisterExport, progress: Progress | None = None) -> bytes:
    document = OpenDocumentText()
    styles = odt_styles(document)
    document.text.addElement(P(stylename=styles.meta, text=export.source))
    document.text.addElement(H(outlinelevel=1, stylename=styles.headings[1], text=export.title))
    for line in export.filters:
        document.text.addElement(P(stylename=styles.meta, text=line))
    if not export.total:
        document.text.addElement(
            P(stylename=styles.paragraph, text=_("Aucune décision ne correspond."))
        )
    for decision in _counted(export.rows, progress):
        heading = f"{decision.reference} · {decision.title}"
        document.text.addElement(H(outlinelevel=2, stylename=styles.headings[2], text=heading))
        for label, value in _facts(decision):
            paragraph = P(stylename=styles.meta)
            paragraph.addElement(Span(stylename=styles.bold, text=f"{label} : "))
            teletype.addTextToElement(paragraph, value)
            document.text.addElement(paragraph)
        builder = OdtBuilder(document=document, styles=styles)
        builder.feed(str(render_markdown(decision.text)))
        builder.close()
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def csv_row(decision: Decision) -> list[str]:
    """Every cell neutralised: titles, object and body names are typed by users."""
    return [neutralise_cell(cell) for cell in _csv_cells(decision)]


def _csv_cells(decision: Decision) -> list[str]:
    return [
        decision.reference,
        decision.decided_on.isoformat(),
        str(decision.get_kind_display()),
        str(Process(decision.process).label),
        decision.title,
        decision.body.name,
        decision.object.title if decision.object is not None else "",
        status_label(decision.status),  # type: ignore[attr-defined]
        decision.review_on.isoformat() if decision.review_on else "",
        decision.amends.reference if decision.amends is not None else "",
        decision.supersedes.reference if decision.supersedes is not None else "",
    ]


class _Line:
    """A file-like object whose write() hands back the line csv.writer formatted."""

    def write(self, value: str) -> str:
        return value


def register_csv_lines(export: RegisterExport) -> Iterator[bytes]:
    """The CSV a line at a time, for a StreamingHttpResponse: UTF-8 with a byte order
    mark and `;` between fields, what French spreadsheets open without an import dialog.
    One row per decision; memory stays that of one chunk of rows whatever the size."""
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff".encode() + writer.writerow(csv_header()).encode()
    for decision in export.rows:
        yield writer.writerow(csv_row(decision)).encode()
