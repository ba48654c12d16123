"""Forms of the charter and calendar pages. They validate input; writes are in services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from governance.models import Charter
from meetings import schedule
from meetings.models import Attendance, Meeting
from meetings.services import AttendanceEntry
from territories.forms import DateInput
from territories.models import Organisation


class TimeInput(forms.TimeInput):
    """The browser's time picker (HH:MM)."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


# --- Charter ---------------------------------------------------------------------------


class CharterForm(forms.Form):
    """A charter version. The rhythm is chosen in words (frequency, weekday, which one in
    the month, every N); the form builds the iCalendar rule from them."""

    attendance = forms.CharField(
        label=_("Qui vient"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Les membres, les suppléances, ce qui se passe en cas d'absence."),
    )
    standing_guests = forms.CharField(
        label=_("Invités permanents"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    frequency = forms.ChoiceField(label=_("Rythme"), choices=schedule.FREQUENCY_CHOICES)
    ordinal = forms.TypedChoiceField(
        label=_("Quel jour du mois"),
        choices=schedule.ORDINAL_CHOICES,
        coerce=int,
        initial=2,
        required=False,
        help_text=_("Pour un rythme mensuel : le 1er, le 2e… ou le dernier."),
    )
    weekday = forms.ChoiceField(
        label=_("Jour de la semaine"), choices=schedule.WEEKDAY_CHOICES, initial="TU"
    )
    interval = forms.IntegerField(
        label=_("Tous les combien"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_("1 : chaque mois (ou chaque semaine) ; 2 : tous les deux mois…"),
    )
    start_time = forms.TimeField(label=_("Heure de début"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Heure de fin"), widget=TimeInput())
    place_mode = forms.ChoiceField(
        label=_("Lieu"),
        choices=Charter.PlaceMode.choices,
        help_text=_(
            "Tournant : chaque réunion est accueillie à tour de rôle par l'organisation d'un "
            "membre, celle qui a accueilli le moins récemment d'abord."
        ),
    )
    fixed_place = forms.CharField(
        label=_("Lieu fixe"), max_length=300, required=False, help_text=_("Si le lieu est fixe.")
    )
    notice_days = forms.IntegerField(
        label=_("Délai d'envoi de l'ordre du jour et des documents (jours)"),
        min_value=0,
        max_value=60,
    )
    minutes_writer = forms.CharField(label=_("Qui rédige le compte-rendu"), max_length=200)
    minutes_review_days = forms.IntegerField(
        label=_("Délai de relecture du compte-rendu (jours)"), min_value=0, max_value=90
    )
    facilitation_mode = forms.ChoiceField(
        label=_("Animation"), choices=Charter.FacilitationMode.choices
    )
    ethical_rules = forms.CharField(
        label=_("Règles éthiques (le contrat moral)"),
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Une règle par ligne. Les cinq règles du vade-mecum sont proposées."),
    )

    @staticmethod
    def initial_from(charter: Charter | None) -> dict[str, Any]:
        """Prefill from a version (the latest one), or from the defaults."""
        source = charter or Charter()
        initial: dict[str, Any] = {
            name: getattr(source, name)
            for name in (
                "attendance",
                "standing_guests",
                "start_time",
                "end_time",
                "place_mode",
                "fixed_place",
                "notice_days",
                "minutes_writer",
                "minutes_review_days",
                "facilitation_mode",
                "ethical_rules",
            )
        }
        initial["minutes_writer"] = str(initial["minutes_writer"])
        initial["ethical_rules"] = str(initial["ethical_rules"])
        recurrence = schedule.parse_rule(charter.recurrence) if charter else None
        recurrence = recurrence or schedule.Recurrence(schedule.Frequency.MONTHLY, "TU", 1, 2)
        initial.update(
            frequency=recurrence.frequency,
            weekday=recurrence.weekday,
            interval=recurrence.interval,
            ordinal=recurrence.ordinal or 2,
        )
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("L'heure de fin doit suivre l'heure de début."))
        if (
            cleaned.get("place_mode") == Charter.PlaceMode.FIXED
            and not cleaned.get("fixed_place", "").strip()
        ):
            self.add_error("fixed_place", _("Indiquez le lieu fixe des réunions."))
        frequency = cleaned.get("frequency")
        if frequency == schedule.Frequency.MONTHLY and cleaned.get("ordinal") in (None, ""):
            self.add_error("ordinal", _("Choisissez quel jour du mois."))
        return cleaned

    def recurrence(self) -> schedule.Recurrence:
        data = self.cleaned_data
        monthly = data["frequency"] == schedule.Frequency.MONTHLY
        return schedule.Recurrence(
            frequency=data["frequency"],
            weekday=data["weekday"],
            interval=data["interval"],
            ordinal=data["ordinal"] if monthly else None,
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("frequency", "ordinal", "weekday", "interval"):
            data.pop(name)
        data["recurrence"] = self.recurrence().to_rrule()
        return data


# --- Meetings --------------------------------------------------------------------------


class MeetingForm(forms.Form):
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


class RolesForm(forms.Form):
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


class AttendanceForm(forms.Form):
    """One line per invited person: present, excused, represented (by whom) or absent."""

    def __init__(
        self,
        *args: Any,
        invitees: list[Person],
        recorded: dict[int, Attendance],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.invitees = invitees
        self.by_pk = {person.pk: person for person in invitees}
        for person in invitees:
            current = recorded.get(person.pk)
            status = current.status if current else Attendance.Status.PRESENT
            if status == Attendance.Status.INVITED:
                status = Attendance.Status.PRESENT
            self.fields[f"status_{person.pk}"] = forms.ChoiceField(
                label=_("Présence de %(name)s") % {"name": person.full_name},
                choices=ATTENDANCE_CHOICES,
                widget=forms.RadioSelect,
                initial=status,
            )
            # Plain choices built from the invitees: no query per line.
            self.fields[f"represented_by_{person.pk}"] = forms.TypedChoiceField(
                label=_("Représenté·e par"),
                choices=[
                    ("", _("— choisir —")),
                    *[(other.pk, other.full_name) for other in invitees if other != person],
                ],
                coerce=int,
                empty_value=None,
                required=False,
                initial=current.represented_by_id if current else None,
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
