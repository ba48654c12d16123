"""Forms of the governance pages: the charter, and the reference framework's missions,
objects and sources. They validate input; writes are in governance/charter.py and
governance/framework.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from documents.forms import DocumentForm
from documents.models import Document
from governance.models import Authority, Charter, FrameworkObject, LegitimacySource
from governance.recurrence import (
    FREQUENCY_CHOICES,
    ORDINAL_CHOICES,
    WEEKDAY_CHOICES,
    Frequency,
    Recurrence,
    parse_rule,
)
from governance.selectors import MISSION_FIELDS
from territories.forms import DateInput


class TimeInput(forms.TimeInput):
    """The browser's time picker (HH:MM)."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


# --- Charter ---------------------------------------------------------------------------


class CharterForm(Form):
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
    frequency = forms.ChoiceField(label=_("Rythme"), choices=FREQUENCY_CHOICES)
    ordinal = forms.TypedChoiceField(
        label=_("Quel jour du mois"),
        choices=ORDINAL_CHOICES,
        coerce=int,
        initial=2,
        required=False,
        help_text=_("Pour un rythme mensuel : le 1er, le 2e… ou le dernier."),
    )
    weekday = forms.ChoiceField(
        label=_("Jour de la semaine"), choices=WEEKDAY_CHOICES, initial="TU"
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
    secretary_runs_meetings = forms.BooleanField(
        label=_("Le ou la secrétaire de l'instance anime aussi les réunions"),
        required=False,
        help_text=_(
            "Avec l'animateur·rice : convoquer, ordonner l'ordre du jour, ouvrir et clore la "
            "réunion en direct."
        ),
    )
    mirrors_per_year = forms.IntegerField(
        label=_("Opérations miroir par an"),
        min_value=0,
        max_value=12,
        required=False,
        help_text=_(
            "Le temps où l'instance se regarde fonctionner, par exemple deux fois par an ; "
            "0 si la charte n'en prévoit pas, vide si elle n'en dit rien."
        ),
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
                "secretary_runs_meetings",
                "ethical_rules",
                "mirrors_per_year",
            )
        }
        initial["minutes_writer"] = str(initial["minutes_writer"])
        initial["ethical_rules"] = str(initial["ethical_rules"])
        recurrence = parse_rule(charter.recurrence) if charter else None
        recurrence = recurrence or Recurrence(Frequency.MONTHLY, "TU", 1, 2)
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
        if frequency == Frequency.MONTHLY and cleaned.get("ordinal") in (None, ""):
            self.add_error("ordinal", _("Choisissez quel jour du mois."))
        return cleaned

    def recurrence(self) -> Recurrence:
        data = self.cleaned_data
        monthly = data["frequency"] == Frequency.MONTHLY
        return Recurrence(
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


# --- Reference framework ---------------------------------------------------------------


class FrameworkForm(Form):
    """The four missions, in the body's own words, and its perspectives."""

    perspectives = forms.CharField(
        label=_("Perspectives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Où l'instance veut aller : ses chantiers, ce qu'elle veut devenir."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        missions = {
            name: forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=help_text,
            )
            for name, label, help_text in MISSION_FIELDS
        }
        # The missions first, in the vademecum's order, then the perspectives.
        self.fields = {**missions, "perspectives": self.fields["perspectives"]}


class FrameworkObjectForm(Form):
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=FrameworkObject.Kind.choices,
        help_text=_("Un thème est durable (la formation des agents) ; un dossier a une fin."),
    )
    authority = forms.ChoiceField(
        label=_("Ce que l'instance peut faire"),
        choices=Authority.choices,
        help_text=_(
            "Information : elle s'informe. Avis : elle éclaire ceux qui décident, elle ne "
            "décide pas. Proposition : elle propose aux élus. Décision : elle décide."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce que recouvre l'objet, ses limites."),
    )


class LegitimacySourceForm(DocumentForm):
    """A source of legitimacy and, optionally, its document: chosen among the body's
    documents, or a file to share with the body (the documents app checks it)."""

    field_order = ["kind", "title", "dated", "note", "document", "file"]

    kind = forms.ChoiceField(label=_("Nature"), choices=LegitimacySource.Kind.choices)
    dated = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    note = forms.CharField(
        label=_("Précisions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    document = forms.ModelChoiceField(
        label=_("Un document de l'instance"),
        queryset=Document.objects.none(),
        required=False,
        help_text=_("Ou déposez un fichier ci-dessous."),
    )

    def __init__(self, *args: Any, documents: QuerySet[Document], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"] = forms.CharField(label=_("Intitulé"), max_length=200)
        self.fields["file"].required = False
        self.fields["file"].label = _("Ou un fichier à déposer")
        document_field = self.fields["document"]
        assert isinstance(document_field, forms.ModelChoiceField)
        document_field.queryset = documents
        self.order_fields(self.field_order)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("document") and cleaned.get("file"):
            self.add_error(
                "file",
                _("Choisissez un document de l'instance ou déposez un fichier, pas les deux."),
            )
        return cleaned
