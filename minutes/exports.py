"""Exports: the convocation and agenda of a meeting as PDF, the minutes as PDF/A-3b
(archival) and as ODT (editable, with real headings and paragraphs).

PDFs are rendered by WeasyPrint from an HTML template; the text is real text in a
bundled font (DejaVu, found by Pango through fontconfig). The ODT is built with odfpy
from the same sanitised HTML that the page shows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from odf import teletype
from odf.element import Element
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TextProperties
from odf.text import H, List, ListItem, P, Span

from bodies.models import BodyMembership
from core.markdown import render_markdown
from meetings.models import AgendaItem, Meeting
from minutes.models import Minutes

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


def minutes_title(minutes: Minutes) -> str:
    day = date_format(timezone.localtime(minutes.meeting.starts_at).date(), "DATE_FORMAT")
    return _("Compte-rendu de la réunion du %(date)s") % {"date": day}


def agenda_title(meeting: Meeting) -> str:
    day = date_format(timezone.localtime(meeting.starts_at).date(), "DATE_FORMAT")
    return _("Convocation et ordre du jour · réunion du %(date)s") % {"date": day}


def export_filename(meeting: Meeting, stem: str, extension: str) -> str:
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    return f"{stem}-{slugify(meeting.body.name)}-{day}.{extension}"


def minutes_html(minutes: Minutes) -> str:
    meeting = minutes.meeting
    context = {
        "language": translation.get_language() or "fr",
        "title": minutes_title(minutes),
        "minutes": minutes,
        "meeting": meeting,
        "body": meeting.body,
        "territory": meeting.body.territory,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
        "approved_on": (
            timezone.localtime(minutes.approved_in.starts_at).date()
            if minutes.approved_in
            else None
        ),
        "body_html": render_markdown(minutes.text),
    }
    return render_to_string("minutes/export/minutes.html", context)


def minutes_pdf(minutes: Minutes) -> bytes:
    """PDF/A-3b: an archival file, fonts embedded, with XMP metadata."""
    return html_to_pdf(minutes_html(minutes), variant=PDF_A_VARIANT)


def agenda_html(meeting: Meeting) -> str:
    items = (
        meeting.items.filter(status=AgendaItem.Status.ACCEPTED)
        .select_related("presenter")
        .order_by("position", "proposed_at", "pk")
    )
    attendances = meeting.attendances.select_related("person", "represented_by").order_by(
        "person__last_name", "person__first_name"
    )
    members = (
        BodyMembership.objects.current()
        .filter(body_id=meeting.body_id)
        .select_related("person", "position__organisation")
        .order_by("person__last_name", "person__first_name")
    )
    context = {
        "language": translation.get_language() or "fr",
        "title": agenda_title(meeting),
        "meeting": meeting,
        "body": meeting.body,
        "territory": meeting.body.territory,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
        "items": list(items),
        "attendances": list(attendances),
        "members": list(members),
    }
    return render_to_string("minutes/export/agenda.html", context)


def agenda_pdf(meeting: Meeting) -> bytes:
    return html_to_pdf(agenda_html(meeting))


# --- ODT -------------------------------------------------------------------------------


@dataclass
class OdtStyles:
    headings: dict[int, Style]
    paragraph: Style
    meta: Style
    bold: Style
    italic: Style


def odt_styles(document: OpenDocumentText) -> OdtStyles:
    def paragraph_style(name: str, family_props: dict[str, str], **text: str) -> Style:
        style = Style(name=name, family="paragraph")
        style.addElement(ParagraphProperties(**family_props))
        style.addElement(TextProperties(fontfamily="DejaVu Sans", **text))
        document.styles.addElement(style)
        return style

    headings = {}
    for level, size in ((1, "16pt"), (2, "13pt"), (3, "11.5pt"), (4, "10.5pt")):
        headings[level] = paragraph_style(
            f"Heading {level}",
            {"margintop": "0.35cm", "marginbottom": "0.15cm", "keepwithnext": "always"},
            fontsize=size,
            fontweight="bold",
        )
        headings[level].setAttribute("defaultoutlinelevel", str(level))
        headings[level].setAttribute("displayname", f"Heading {level}")
    paragraph = paragraph_style("Text body", {"marginbottom": "0.2cm"}, fontsize="10pt")
    meta = paragraph_style("Codir meta", {"marginbottom": "0.1cm"}, fontsize="9pt", color="#444444")
    bold = Style(name="Codir strong", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    italic = Style(name="Codir emphasis", family="text")
    italic.addElement(TextProperties(fontstyle="italic"))
    document.styles.addElement(bold)
    document.styles.addElement(italic)
    return OdtStyles(headings, paragraph, meta, bold, italic)


class OdtBuilder(HTMLParser):
    """Turns the sanitised HTML of the minutes into ODT headings, paragraphs and lists:
    block tags open a new element; <strong> and <em> become spans; text is kept as
    text (spaces and line breaks through teletype)."""

    def __init__(self, document: OpenDocumentText, styles: OdtStyles) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.styles = styles
        self.stack: list[Element] = []
        self.lists: list[Element] = []
        self.block: Element | None = None

    def _container(self) -> Element:
        return self.lists[-1].lastChild if self.lists else self.document.text

    def _open_block(self, element: Element) -> None:
        self._container().addElement(element)
        self.block = element
        self.stack = [element]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            # Level 1 is the document's title: the text's own headings start at 2.
            level = max(2, min(int(tag[1]), 4))
            self._open_block(H(outlinelevel=level, stylename=self.styles.headings[level]))
        elif tag in {"p", "blockquote", "pre", "td", "th"}:
            if tag == "p" and self.block is not None and self.lists:
                return  # a paragraph inside a list item: keep filling the item
            self._open_block(P(stylename=self.styles.paragraph))
        elif tag in {"ul", "ol"}:
            new_list = List()
            self._container().addElement(new_list)
            self.lists.append(new_list)
            self.block = None
        elif tag == "li" and self.lists:
            self.lists[-1].addElement(ListItem())
            self._open_block(P(stylename=self.styles.paragraph))
        elif tag in {"strong", "b", "em", "i"} and self.block is not None:
            style = self.styles.bold if tag in {"strong", "b"} else self.styles.italic
            span = Span(stylename=style)
            self.stack[-1].addElement(span)
            self.stack.append(span)
        elif tag == "br" and self.block is not None:
            teletype.addTextToElement(self.stack[-1], "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"strong", "b", "em", "i"} and len(self.stack) > 1:
            self.stack.pop()
        elif tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
            self.block = None
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"} or (
            tag == "p" and not self.lists
        ):
            self.block = None

    def handle_data(self, data: str) -> None:
        if self.block is None:
            if not data.strip():
                return
            self._open_block(P(stylename=self.styles.paragraph))
        teletype.addTextToElement(self.stack[-1], data if data.strip() else " ")


def minutes_odt(minutes: Minutes) -> bytes:
    meeting = minutes.meeting
    document = OpenDocumentText()
    styles = odt_styles(document)
    starts_at = timezone.localtime(meeting.starts_at)
    ends_at = timezone.localtime(meeting.ends_at)
    title = minutes_title(minutes)
    document.text.addElement(
        P(stylename=styles.meta, text=f"{meeting.body.territory.name} · {meeting.body.name}")
    )
    document.text.addElement(H(outlinelevel=1, stylename=styles.headings[1], text=title))
    facts = [
        (_("Date"), f"{date_format(starts_at, 'l j F Y')}, {starts_at:%H:%M} - {ends_at:%H:%M}"),
        (_("Lieu"), meeting.place or "—"),
        (_("Version"), str(minutes.version)),
        (_("État"), str(minutes.get_status_display())),
    ]
    for label, value in facts:
        paragraph = P(stylename=styles.paragraph)
        paragraph.addElement(Span(stylename=styles.bold, text=f"{label} : "))
        teletype.addTextToElement(paragraph, value)
        document.text.addElement(paragraph)
    builder = OdtBuilder(document=document, styles=styles)
    builder.feed(str(render_markdown(minutes.text)))
    builder.close()
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
