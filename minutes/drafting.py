"""The first draft of the minutes, built from what was recorded during the meeting:
attendance (present, excused, represented and by whom, absent) and each accepted agenda
item, in order, with its type, presenter, outcome and the secretary's notes.

`draft_text` is a pure function of the objects it is given (they need not be saved),
so that exports and benchmarks can build a text without a database.

What the meeting adopted lives in a higher app (decisions: the register). Minutes owns
the registry below, where decisions inscribes its reader in its AppConfig.ready(): each
reader names the register entries adopted in a meeting, and the draft lists them under
their item and in a closing section, with their numbers ("Décision 2026-003 adoptée").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.markdown import escape_markdown
from meetings.models import AgendaItem, Attendance, Meeting


@dataclass(frozen=True)
class Adopted:
    """One register entry adopted in a meeting, as the minutes name it: its number and
    kind in a sentence ("Décision 2026-003 adoptée"), its title, and the agenda item it
    was adopted on (None: adopted in the meeting, on no item)."""

    item_id: int | None
    label: str
    title: str


AdoptedReader = Callable[[Meeting], Sequence[Adopted]]
_adopted_readers: list[AdoptedReader] = []


def register_adopted_reader(reader: AdoptedReader) -> None:
    """A higher app (decisions) says what a meeting adopted; called once, from its
    AppConfig.ready()."""
    if reader not in _adopted_readers:
        _adopted_readers.append(reader)


def adopted_in(meeting: Meeting) -> list[Adopted]:
    """Every entry the registered readers know of, in their order (one query each)."""
    return [entry for reader in _adopted_readers for entry in reader(meeting)]


def meeting_content(meeting: Meeting) -> tuple[list[Attendance], list[AgendaItem]]:
    """Two queries: the attendance with people, the accepted items in agenda order."""
    attendances = list(
        meeting.attendances.select_related("person", "represented_by").order_by(
            "person__last_name", "person__first_name"
        )
    )
    items = list(
        meeting.items.filter(status=AgendaItem.Status.ACCEPTED)
        .select_related("presenter")
        .order_by("position", "proposed_at", "pk")
    )
    return attendances, items


def _name(person: object) -> str:
    return escape_markdown(str(person))


def attendance_lines(attendances: Iterable[Attendance]) -> list[str]:
    groups: dict[str, list[str]] = {status: [] for status in Attendance.Status.values}
    for attendance in attendances:
        name = _name(attendance.person)
        if attendance.status == Attendance.Status.REPRESENTED and attendance.represented_by:
            name = _("%(name)s (par %(proxy)s)") % {
                "name": name,
                "proxy": _name(attendance.represented_by),
            }
        groups[attendance.status].append(name)
    labels = {
        Attendance.Status.PRESENT: _("Présent·es"),
        Attendance.Status.EXCUSED: _("Excusé·es"),
        Attendance.Status.REPRESENTED: _("Représenté·es"),
        Attendance.Status.ABSENT: _("Absent·es"),
    }
    return [
        f"- **{label}** : {', '.join(groups[status])}"
        for status, label in labels.items()
        if groups[status]
    ]


def _adopted_line(entry: Adopted) -> str:
    return f"- **{escape_markdown(entry.label)}** : {escape_markdown(entry.title)}"


def item_lines(number: int, item: AgendaItem, adopted: Sequence[Adopted] = ()) -> list[str]:
    kind = str(item.get_kind_display())
    meta = kind[:1].upper() + kind[1:]
    if item.presenter is not None:
        meta += " · " + _("présenté par %(name)s") % {"name": _name(item.presenter)}
    lines = [f"### {number}. {escape_markdown(item.title)}", "", f"*{meta}*", ""]
    if item.outcome:
        outcome = _("**Issue** : %(outcome)s") % {"outcome": item.get_outcome_display()}
        lines += [outcome, ""]
    if adopted:
        lines += [_adopted_line(entry) for entry in adopted] + [""]
    notes = item.notes.strip().replace("\r\n", "\n")
    if notes:
        lines += [notes, ""]
    elif not item.outcome and not adopted:
        lines += ["*" + _("Pas de notes.") + "*", ""]
    return lines


def draft_text(
    meeting: Meeting,
    attendances: Iterable[Attendance],
    items: Iterable[AgendaItem],
    adopted: Sequence[Adopted] = (),
) -> str:
    attendance_heading, items_heading = _("Présences"), _("Points abordés")
    lines = [f"## {attendance_heading}", ""]
    lines += attendance_lines(attendances) or ["*" + _("Présences non relevées.") + "*"]
    lines += ["", f"## {items_heading}", ""]
    numbered = list(enumerate(items, start=1))
    for number, item in numbered:
        lines += item_lines(number, item, [e for e in adopted if e.item_id == item.pk])
    if not numbered:
        lines += ["*" + _("Aucun point retenu à l'ordre du jour.") + "*", ""]
    if adopted:
        summary_heading = _("Relevé des décisions de la réunion")
        lines += [f"## {summary_heading}", ""]
        lines += [_adopted_line(entry) for entry in adopted] + [""]
    return "\n".join(lines).rstrip() + "\n"
