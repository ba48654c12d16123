"""Forms of the agenda: proposing or editing an item, merging, reordering."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from core.forms import Form
from meetings.models import AgendaItem

MAX_MINUTES = 480


class PresenterField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


class ItemForm(Form):
    title = forms.CharField(
        label=_("Intitulé"),
        max_length=200,
        error_messages={
            "required": _("Donnez un intitulé au point."),
            "max_length": _("200 caractères au plus."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Type de point"),
        choices=AgendaItem.Kind.choices,
        initial=AgendaItem.Kind.INFORMATION,
        help_text=_(
            "Information, avis, décision, travail, co-développement ou tour de table : "
            "ce que le collectif fera de ce point."
        ),
        error_messages={"invalid_choice": _("Choisissez un type dans la liste.")},
    )
    presenter = PresenterField(
        label=_("Présenté par"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— à préciser —"),
        error_messages={"invalid_choice": _("Choisissez une personne qui siège dans l’instance.")},
    )
    duration_minutes = forms.IntegerField(
        label=_("Durée prévue (minutes)"),
        min_value=1,
        max_value=MAX_MINUTES,
        initial=15,
        error_messages={
            "required": _("Indiquez une durée en minutes."),
            "invalid": _("Indiquez une durée en minutes, en chiffres."),
            "min_value": _("La durée prévue est d’au moins une minute."),
            "max_value": _("La durée prévue est de 480 minutes au plus."),
        },
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("L’objet du point, ce que vous attendez du collectif, les documents à lire."),
    )

    def __init__(self, *args: Any, presenters: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = presenters  # type: ignore[attr-defined]
        self.fields["duration_minutes"].widget.attrs.update({"inputmode": "numeric"})


class MergeForm(Form):
    into = forms.ModelChoiceField(
        label=_("Fusionner avec"),
        queryset=AgendaItem.objects.none(),
        empty_label=_("— choisir un point —"),
        error_messages={
            "required": _("Choisissez le point avec lequel fusionner."),
            "invalid_choice": _("Choisissez un point de cet ordre du jour."),
        },
    )

    def __init__(self, *args: Any, targets: QuerySet[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = targets  # type: ignore[attr-defined]


class MoveForm(Form):
    direction = forms.ChoiceField(
        choices=[("up", _("monter")), ("down", _("descendre"))],
        error_messages={
            "required": _("Direction manquante."),
            "invalid_choice": _("Direction inconnue."),
        },
    )


def parse_ids(values: list[str]) -> list[int] | None:
    """The item ids posted by the drag-and-drop, or None when one is not a number."""
    try:
        return [int(value) for value in values]
    except (TypeError, ValueError):
        return None
