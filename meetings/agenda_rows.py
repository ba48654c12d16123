"""The items of the agenda page, rendered to HTML in Python.

Why not a template: an agenda may hold a thousand items (issue 9), and Django's template
engine spends about 60 µs per item on the dozen tags and variables an item needs, so the
list alone took hundreds of milliseconds. Here each item is a few string joins, with every
translated word, URL and date format looked up once per page, and the markup is as short
as it can be while staying accessible:

- the per-item forms are gone: one empty form (`#agenda-act`, one CSRF token) serves every
  button through the `form` attribute; each button names its action (`up`, `down`,
  `accept`, `defer`) and carries the item's id as its value (agenda_views.item_action);
- each control's accessible name is "monter" followed by the item's title, read through
  `aria-labelledby` from a hidden label given once and from the title's id, instead of
  repeating the title in every control;
- the number and the drag handle are drawn by the style sheet (CSS counter), and the
  classes sit on the list, not on every element.

Everything is escaped here (`html.escape`): titles, names and descriptions are user text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone, localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.french import french_date
from meetings.models import AgendaItem, Meeting

if TYPE_CHECKING:
    from datetime import date, datetime

    from meetings.agenda_selectors import Agenda, AgendaEntry

# A pk no real row has: reversed once, then replaced by each item's pk.
_SLOT = "987654321"
# The kinds of item on which members file a proposal from the agenda.
PROPOSAL_KINDS = (AgendaItem.Kind.DECISION, AgendaItem.Kind.CONSULTATION)
# The hidden labels of the controls, given once on the page (ids used by aria-labelledby).
CONTROL_LABELS = ("up", "down", "accept", "defer", "merge", "edit", "upload", "propose")


@dataclass(frozen=True)
class Viewer:
    """What the person looking at the agenda may do, decided by the view."""

    user_pk: int
    can_propose: bool
    can_reorder: bool
    # Asked (one query) only when the agenda shows an item one may file a proposal on.
    may_file_proposal: Callable[[], bool]


def _url(name: str, *args: int) -> str:
    """The URL of `name` with the item's pk left as `_SLOT`, to be replaced per item."""
    return reverse(name, args=[*args, int(_SLOT)])


def _text(value: str) -> str:
    """User text inside an element (never inside an attribute): quotes stay as they are."""
    return escape(value, quote=False)


def _local(moment: datetime, pattern: str) -> str:
    return french_date(localtime(moment), pattern)


def control_labels(next_meeting: Meeting | None) -> dict[str, str]:
    """The visible words of the controls (each control's name adds the item's title)."""
    if next_meeting is not None:
        defer = _("reporter au %(date)s") % {"date": _local(next_meeting.starts_at, "j F")}
    else:
        defer = _("reporter")
    return {
        "up": _("monter"),
        "down": _("descendre"),
        "accept": _("retenir"),
        "defer": defer,
        "merge": _("fusionner"),
        "edit": _("modifier"),
        "upload": _("Joindre un document"),
        "propose": _("Déposer une proposition"),
    }


class _Renderer:
    def __init__(self, meeting: Meeting, viewer: Viewer, labels: dict[str, str]) -> None:
        self.viewer = viewer
        self.labels = labels
        self.several = False
        self.open = meeting.status not in (Meeting.Status.HELD, Meeting.Status.CANCELLED)
        self.edit_url = _url("meetings:item_edit")
        self.merge_url = _url("meetings:item_merge")
        self.upload_url = _url("meetings:item_document_upload")
        self.download_url = _url("documents:download")
        self.proposal_url = reverse("decisions:proposal_create", args=[meeting.body_id]) + "?item="
        # The labels of the choices are lazy: translated once here, not once per item.
        self.kinds = {key: str(label) for key, label in AgendaItem.Kind.choices}
        self.statuses = {key: str(label) for key, label in AgendaItem.Status.choices}
        self.outcomes = {key: str(label) for key, label in AgendaItem.Outcome.choices}
        self.zone = get_current_timezone()
        self.days: dict[date, str] = {}
        self.minutes = _("%(n)s min")
        self.proposed_by = _("Proposé par %(name)s le %(date)s")
        self.no_account = _text(_("Proposé par une personne qui n’a plus de compte"))
        self.presented_by = _("Présenté par %(name)s")
        self.uploaded = _("déposé le %(date)s")
        self.uploaded_format = _("j F à H:i")
        self.late = _text(_("document hors délai"))
        self.after_deadline = _text(_("après le délai de la charte"))
        self.proposed = _text(_("proposé"))
        self.merged_here = _text(_("Points fusionnés ici :"))
        self.history = _text(_("Historique du point"))
        self.listed = _("Inscrit à la réunion du %(date)s (%(status)s)")
        self.see = _text(_("voir"))

    def day(self, moment: datetime) -> str:
        """ "19 décembre": formatted once per day shown (Django's date format is slow)."""
        day = moment.astimezone(self.zone).date()
        if day not in self.days:
            self.days[day] = french_date(day, "j F")
        return self.days[day]

    @cached_property
    def can_file_proposal(self) -> bool:
        return self.viewer.may_file_proposal()

    def _control(self, action: str, pk: int, *, disabled: bool = False) -> str:
        off = " disabled" if disabled else ""
        return (
            f'<button form="agenda-act" name="{action}" value="{pk}" '
            f'aria-labelledby="agenda-l-{action} point-{pk}"{off}>'
            f"{_text(self.labels[action])}</button>"
        )

    def _link(self, action: str, url: str, pk: int) -> str:
        return (
            f'<a href="{url}" aria-labelledby="agenda-l-{action} point-{pk}">'
            f"{_text(self.labels[action])}</a>"
        )

    def proposer(self, entry: AgendaEntry) -> str:
        person = entry.item.proposed_by
        if person is None:
            return self.no_account
        line = self.proposed_by % {
            "name": person.full_name,
            "date": self.day(entry.item.proposed_at),
        }
        if entry.proposer_label:
            line += f" · {entry.proposer_label}"
        return _text(line)

    def _meta(self, entry: AgendaEntry) -> str:
        """Kind and duration (drawn as tags by the style sheet), then who proposed and who
        presents the item: one paragraph."""
        item = entry.item
        kind = _text(self.kinds.get(item.kind, item.kind))
        meta = (
            f"<span>{kind}</span> <span>{_text(self.minutes % {'n': item.duration_minutes})}</span>"
        )
        if item.status == AgendaItem.Status.PROPOSED:
            meta += f' <span class="tag-muted">{self.proposed}</span>'
        if entry.late_documents:
            meta += f' <span class="tag-warn">{self.late}</span>'
        if entry.history:
            n = len(entry.history)
            carried = ngettext("reporté %(n)s fois", "reporté %(n)s fois", n) % {"n": n}
            meta += f' <span class="tag-warn">{_text(carried)}</span>'
        meta += f"<br>{self.proposer(entry)}"
        presenter = item.presenter
        if presenter is not None:
            line = self.presented_by % {"name": presenter.full_name}
            if entry.presenter_label:
                line += f" · {entry.presenter_label}"
            meta += f"<br>{_text(line)}"
        return f'<p class="meta">{meta}</p>'

    def _documents(self, entry: AgendaEntry) -> str:
        rows = []
        for document in entry.documents:
            date = _local(document.uploaded_at, self.uploaded_format)
            late = document in entry.late_documents
            rows.append(
                f'<li><a href="{self.download_url.replace(_SLOT, str(document.pk))}">'
                f"{_text(document.title)}</a> "
                f'<span class="meta">{_text(self.uploaded % {"date": date})}</span>'
                + (f' <span class="tag tag-warn">{self.after_deadline}</span>' if late else "")
                + "</li>"
            )
        return f'<ul class="agenda-documents">{"".join(rows)}</ul>'

    def _merged(self, entry: AgendaEntry) -> str:
        names = []
        for merged in entry.merged:
            name = f"« {_text(merged.title)} »"
            if merged.proposed_by is not None:
                name += f" ({_text(merged.proposed_by.full_name)})"
            names.append(name)
        return f'<p class="meta">{self.merged_here} {", ".join(names)}</p>'

    def _history(self, entry: AgendaEntry) -> str:
        rows = []
        for earlier in entry.history:
            line = self.listed % {
                "date": _local(earlier.meeting.starts_at, "j F Y"),
                "status": self.statuses.get(earlier.status, earlier.status),
            }
            if earlier.outcome:
                line += f" · {self.outcomes.get(earlier.outcome, earlier.outcome)}"
            url = reverse("meetings:agenda", args=[earlier.meeting_id])
            rows.append(
                f'<li>{_text(line)} · <a href="{url}#point-{earlier.pk}">{self.see}</a></li>'
            )
        return (
            f'<details class="agenda-history"><summary>{self.history}</summary>'
            f"<ul>{''.join(rows)}</ul></details>"
        )

    def _controls(self, entry: AgendaEntry) -> str:
        item = entry.item
        pk = item.pk
        if self.viewer.can_reorder:
            controls = self._control("up", pk, disabled=entry.is_first) + self._control(
                "down", pk, disabled=entry.is_last
            )
            if item.status == AgendaItem.Status.PROPOSED:
                controls += self._control("accept", pk)
            controls += self._control("defer", pk)
            if self.several:
                controls += self._link("merge", self.merge_url.replace(_SLOT, str(pk)), pk)
        elif item.proposed_by_id == self.viewer.user_pk and self.viewer.can_propose:
            controls = ""
        else:
            return ""
        controls += self._link("edit", self.edit_url.replace(_SLOT, str(pk)), pk)
        return f'<div class="agenda-controls">{controls}</div>'

    def row(self, entry: AgendaEntry) -> str:
        item = entry.item
        pk = item.pk
        parts = [f'<li><h3 id="point-{pk}">{_text(item.title)}</h3>', self._meta(entry)]
        if item.description:
            # The list's style sheet keeps its line breaks (white-space: pre-line).
            parts.append(f"<p>{_text(item.description)}</p>")
        if entry.documents:
            parts.append(self._documents(entry))
        if self.viewer.can_propose or self.viewer.can_reorder:
            url = self.upload_url.replace(_SLOT, str(pk))
            parts.append(f'<p class="agenda-upload">{self._link("upload", url, pk)}</p>')
        if self.open and item.kind in PROPOSAL_KINDS and self.can_file_proposal:
            url = f"{self.proposal_url}{pk}"
            parts.append(f'<p class="agenda-proposal">{self._link("propose", url, pk)}</p>')
        if entry.merged:
            parts.append(self._merged(entry))
        if entry.history:
            parts.append(self._history(entry))
        parts.append(self._controls(entry))
        parts.append("</li>")
        return "".join(parts)


def agenda_rows(agenda: Agenda, viewer: Viewer, labels: dict[str, str]) -> SafeString:
    """The `<li>` of every item on the agenda, in order (the list itself is in
    _items.html, with the hidden `labels` and the form the buttons submit)."""
    renderer = _Renderer(agenda.meeting, viewer, labels)
    renderer.several = len(agenda.entries) > 1
    return mark_safe("".join(renderer.row(entry) for entry in agenda.entries))
