"""Exports: the convocation and agenda of a meeting as PDF, the minutes as PDF/A-3b
(archival) and as ODT (editable, with real headings and paragraphs).

PDFs are rendered by core.pdf from an HTML template; the ODT is built by core.odt from
the same sanitised HTML that the page shows.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from odf import teletype
from odf.opendocument import OpenDocumentText
from odf.text import H, P, Span

from bodies.models import BodyMembership
from core.french import french_date
from core.markdown import render_markdown
from core.odt import OdtBuilder, odt_styles
from core.pdf import PDF_A_VARIANT, html_to_pdf
from meetings.models import AgendaItem, Meeting
from minutes.models import Minutes


def minutes_title(minutes: Minutes) -> str:
    day = french_date(timezone.localtime(minutes.meeting.starts_at).date(), "DATE_FORMAT")
    return _("Compte-rendu de la réunion du %(date)s") % {"date": day}


def agenda_title(meeting: Meeting) -> str:
    day = french_date(timezone.localtime(meeting.starts_at).date(), "DATE_FORMAT")
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
        (_("Date"), f"{french_date(starts_at, 'l j F Y')}, {starts_at:%H:%M} - {ends_at:%H:%M}"),
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
