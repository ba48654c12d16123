"""Forms of the territory pages. They validate input; the writes are in services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from core.forms import Form
from core.french import french_date
from territories.models import Organisation, Position
from territories.services import MANUAL_ORGANISATION_KINDS


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as ISO 8601 (YYYY-MM-DD). Where the
    browser has no picker it is a text box: the placeholder shows "jj/mm/aaaa", and the
    field reads that typed text as well (French DATE_INPUT_FORMATS, "25/12/2026")."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {"placeholder": _("jj/mm/aaaa"), **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.last_name.upper()} {obj.first_name} ({obj.email})"


def person_field() -> PersonChoiceField:
    """The person picker of the admin forms; the view narrows its queryset."""
    return PersonChoiceField(
        queryset=Person.objects.none(),
        label=_("Personne"),
        empty_label=_("— choisir une personne —"),
        help_text=_(
            "Les membres du territoire et les personnes qui siègent dans ses instances. "
            "Pour une personne qui n'a pas encore de compte, invitez-la."
        ),
    )


class PositionForm(Form):
    person = person_field()
    function = forms.ChoiceField(
        label=_("Fonction"),
        choices=[("", _("— choisir une fonction —")), *Position.Function.choices],
    )
    title = forms.CharField(
        label=_("Intitulé exact"),
        max_length=200,
        required=False,
        help_text=_("S'il diffère de la fonction (ex. : DGS mutualisé, secrétaire itinérante)."),
    )
    start_date = forms.DateField(label=_("Depuis le"), widget=DateInput())

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["start_date"].initial = timezone.localdate


class EndForm(Form):
    """The end date of a position or a body membership."""

    end_date = forms.DateField(label=_("Date de fin"), widget=DateInput())

    def __init__(self, *args: Any, start_date: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start_date = start_date
        self.fields["end_date"].initial = timezone.localdate

    def clean_end_date(self) -> date:
        end_date = self.cleaned_data["end_date"]
        if self.start_date and end_date < self.start_date:
            raise ValidationError(
                _("La date de fin ne peut pas précéder la date de début (%(start)s)."),
                params={"start": french_date(self.start_date)},
            )
        return end_date


class OrganisationDetailsForm(Form):
    """What the territory's administrator keeps up to date on any organisation."""

    address = forms.CharField(
        label=_("Adresse"),
        max_length=300,
        required=False,
        help_text=_(
            "L'adresse postale du lieu d'accueil, par exemple « Mairie, 1 place de la Mairie, "
            "85150 Martinet » : c'est le lieu des réunions qu'elle accueille et de leur "
            "invitation d'agenda."
        ),
    )
    description = forms.CharField(label=_("Présentation"), widget=forms.Textarea, required=False)


class OrganisationForm(Form):
    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=[("", _("— choisir —"))]
        + [(kind.value, kind.label) for kind in MANUAL_ORGANISATION_KINDS],
        help_text=_("Les communes et l'EPCI viennent des données officielles."),
    )
    name = forms.CharField(label=_("Nom"), max_length=200)
    siren = forms.CharField(
        label=_("SIREN"),
        max_length=20,
        required=False,
        help_text=_("9 chiffres, facultatif."),
    )
    parent = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Rattachée à"),
        required=False,
        empty_label=_("— aucune —"),
        help_text=_("Par exemple l'EPCI qui porte un service commun."),
    )
    address = forms.CharField(label=_("Adresse"), max_length=300, required=False)
    description = forms.CharField(label=_("Présentation"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, parents: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

    def clean_siren(self) -> str:
        siren = "".join(self.cleaned_data["siren"].split())
        if siren and not (siren.isdigit() and len(siren) == 9):
            raise ValidationError(_("Le SIREN compte 9 chiffres."))
        return siren
