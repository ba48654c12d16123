"""Forms of the calendar pages. They validate input; writes are in services."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from core.forms import Form
from core.french import de_name
from governance.forms import TimeInput
from meetings.models import Attendance, Meeting
from meetings.services import AttendanceEntry
from territories.forms import DateInput
from territories.models import Organisation


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


# --- Meetings --------------------------------------------------------------------------


class MeetingForm(Form):
    """A one-off meeting, or the move of one meeting (date, times, place, host)."""

    title = forms.CharField(
        label=_("Intitulé"),
        max_length=200,
        required=False,
        help_text=_("Facultatif : par défaut, le nom de l'instance."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=Meeting.Format.choices)
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Heure de début"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Heure de fin"), widget=TimeInput())
    host = OrganisationChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Organisation d'accueil"),
        required=False,
        empty_label=_("— aucune —"),
    )
    place = forms.CharField(
        label=_("Lieu"),
        max_length=300,
        required=False,
        help_text=_("Laissé vide, c'est la mairie (ou le siège) de l'organisation d'accueil."),
    )

    def __init__(self, *args: Any, hosts: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts  # type: ignore[attr-defined]

    @staticmethod
    def initial_from(meeting: Meeting) -> dict[str, Any]:
        start = timezone.localtime(meeting.starts_at)
        return {
            "title": meeting.title,
            "format": meeting.format,
            "day": start.date(),
            "start_time": start.time(),
            "end_time": timezone.localtime(meeting.ends_at).time(),
            "host": meeting.host,
            "place": meeting.place,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("L'heure de fin doit suivre l'heure de début."))
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "format": data["format"],
            "starts_at": _aware(data["day"], data["start_time"]),
            "ends_at": _aware(data["day"], data["end_time"]),
            "host": data["host"],
            "place": data["place"],
        }


def _aware(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


class RolesForm(Form):
    facilitator = PersonChoiceField(
        queryset=Person.objects.none(),
        label=_("Animateur·rice"),
        required=False,
        empty_label=_("— personne pour l'instant —"),
    )
    secretary = PersonChoiceField(
        queryset=Person.objects.none(),
        label=_("Secrétaire de séance"),
        required=False,
        empty_label=_("— personne pour l'instant —"),
    )
    host = OrganisationChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Organisation d'accueil"),
        required=False,
        empty_label=_("— aucune —"),
    )

    def __init__(
        self,
        *args: Any,
        members: QuerySet[Person],
        hosts: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = members  # type: ignore[attr-defined]
        self.fields["secretary"].queryset = members  # type: ignore[attr-defined]
        self.fields["host"].queryset = hosts  # type: ignore[attr-defined]


# --- Attendance ------------------------------------------------------------------------

ATTENDANCE_CHOICES = [
    (status.value, status.label)
    for status in (
        Attendance.Status.PRESENT,
        Attendance.Status.EXCUSED,
        Attendance.Status.REPRESENTED,
        Attendance.Status.ABSENT,
    )
]


@dataclass(frozen=True)
class AttendanceRow:
    person: Person
    status: forms.BoundField
    represented_by: forms.BoundField


# What the recording form proposes, before the secretary records anything, from the
# answer the person gave beforehand (meetings/rsvp.py).
_FROM_REPLY = {
    Attendance.Reply.COMING: Attendance.Status.PRESENT,
    Attendance.Reply.TENTATIVE: Attendance.Status.PRESENT,
    Attendance.Reply.EXCUSED: Attendance.Status.EXCUSED,
    Attendance.Reply.REPRESENTED: Attendance.Status.REPRESENTED,
}


def _initial_attendance(current: Attendance | None) -> tuple[str, int | None]:
    """The recorded attendance when there is one, else what the answer announced,
    else present."""
    if current is None:
        return Attendance.Status.PRESENT, None
    if current.status != Attendance.Status.INVITED:
        return current.status, current.represented_by_id
    status = _FROM_REPLY.get(Attendance.Reply(current.reply), Attendance.Status.PRESENT)
    proxy = current.reply_proxy_id if status == Attendance.Status.REPRESENTED else None
    return status, proxy


class ReplyForm(Form):
    """An invitee's answer: I come, I am excused, I am represented by (someone of my
    organisation, meetings/rsvp.py)."""

    reply = forms.ChoiceField(
        label=_("Votre réponse"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une réponse.")},
    )
    proxy = forms.TypedChoiceField(
        label=_("Représenté·e par"),
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, proxies: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proxies = {person.pk: person for person in proxies}
        choices = [
            (Attendance.Reply.COMING, _("Je viens")),
            (Attendance.Reply.EXCUSED, _("Je suis excusé·e")),
        ]
        if proxies:
            choices.append((Attendance.Reply.REPRESENTED, _("Je me fais représenter")))
        reply_field = self.fields["reply"]
        proxy_field = self.fields["proxy"]
        assert isinstance(reply_field, forms.ChoiceField)
        assert isinstance(proxy_field, forms.ChoiceField)
        reply_field.choices = choices
        proxy_field.choices = [
            ("", _("— choisir —")),
            *[(person.pk, person.full_name) for person in proxies],
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("reply") == Attendance.Reply.REPRESENTED and not cleaned.get("proxy"):
            self.add_error("proxy", _("Indiquez qui vous représente."))
        # The first field in error takes the focus, also when htmx swaps the section in.
        for name in ("reply", "proxy"):
            if name in self.errors:
                self.fields[name].widget.attrs.update({"autofocus": True, "aria-invalid": "true"})
                break
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "reply": self.cleaned_data["reply"],
            "proxy": self.proxies.get(self.cleaned_data.get("proxy") or 0),
        }


class AttendanceForm(Form):
    """One line per invited person: present, excused, represented (by whom) or absent."""

    def __init__(
        self,
        *args: Any,
        invitees: list[Person],
        recorded: dict[int, Attendance],
        proxies: Sequence[Person] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.invitees = invitees
        # Those the invitees announced as their representatives may not be invited.
        self.by_pk = {person.pk: person for person in [*invitees, *proxies]}
        candidates = sorted(self.by_pk.values(), key=lambda p: (p.last_name, p.first_name, p.pk))
        for person in invitees:
            current = recorded.get(person.pk)
            status, proxy_id = _initial_attendance(current)
            self.fields[f"status_{person.pk}"] = forms.ChoiceField(
                label=_("Présence %(of_name)s") % {"of_name": de_name(person.full_name)},
                choices=ATTENDANCE_CHOICES,
                widget=forms.RadioSelect,
                initial=status,
            )
            # Plain choices built from the invitees: no query per line.
            self.fields[f"represented_by_{person.pk}"] = forms.TypedChoiceField(
                label=_("Représenté·e par"),
                choices=[
                    ("", _("— choisir —")),
                    *[(other.pk, other.full_name) for other in candidates if other != person],
                ],
                coerce=int,
                empty_value=None,
                required=False,
                initial=proxy_id,
            )

    def rows(self) -> list[AttendanceRow]:
        return [
            AttendanceRow(person, self[f"status_{person.pk}"], self[f"represented_by_{person.pk}"])
            for person in self.invitees
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for person in self.invitees:
            status = cleaned.get(f"status_{person.pk}")
            if status == Attendance.Status.REPRESENTED and not cleaned.get(
                f"represented_by_{person.pk}"
            ):
                self.add_error(
                    f"represented_by_{person.pk}",
                    _("Indiquez qui représente %(name)s.") % {"name": person.full_name},
                )
        return cleaned

    def _person(self, pk: int | None) -> Person | None:
        return self.by_pk.get(pk) if pk is not None else None

    def entries(self) -> list[AttendanceEntry]:
        return [
            AttendanceEntry(
                person=person,
                status=self.cleaned_data[f"status_{person.pk}"],
                represented_by=self._person(self.cleaned_data.get(f"represented_by_{person.pk}")),
            )
            for person in self.invitees
        ]
