"""Forms of the follow-up. They validate input; writes are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from bodies.models import Body
from core.forms import Form
from followup.models import Status
from followup.selectors import (
    LATER,
    OVERDUE,
    SOON,
    SOON_DAYS,
    board_organisations,
    board_people,
)
from territories.forms import DateInput
from territories.models import Organisation


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


def _owner_field(required: bool = False) -> PersonField:
    return PersonField(
        label=_("Responsable"),
        queryset=Person.objects.none(),
        required=required,
        empty_label=_("— à désigner —"),
        help_text=_("La personne qui porte l'action et reçoit les rappels."),
        error_messages={"invalid_choice": _("Choisissez une personne dans la liste.")},
    )


class ActionForm(Form):
    title = forms.CharField(
        label=_("Action"),
        max_length=200,
        help_text=_("Ce qu'il faut faire, en une phrase."),
        error_messages={"required": _("Dites ce qu'il faut faire.")},
    )
    details = forms.CharField(
        label=_("Précisions"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    owner = _owner_field()
    organisation = OrganisationField(
        label=_("Organisation redevable"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— aucune —"),
        error_messages={"invalid_choice": _("Choisissez une organisation dans la liste.")},
    )
    due_on = forms.DateField(
        label=_("Échéance"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Indiquez une date.")},
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = board_people(body)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = board_organisations(body).order_by(  # type: ignore[attr-defined]
            "name"
        )


class StatusForm(Form):
    """A progress note, with a new status or not."""

    status = forms.ChoiceField(label=_("État"), choices=Status.choices)
    text = forms.CharField(
        label=_("Note d'avancement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Où en est l'action, ce qui bloque, ce qui a été fait."),
    )


class ImplementationForm(Form):
    status = forms.ChoiceField(label=_("État"), choices=Status.choices)
    owner = _owner_field()
    due_on = forms.DateField(
        label=_("Échéance"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Indiquez une date.")},
    )
    done_on = forms.DateField(
        label=_("Fait le"),
        widget=DateInput(),
        required=False,
        help_text=_("Aujourd'hui si vous le laissez vide et que c'est fait."),
        error_messages={"invalid": _("Indiquez une date.")},
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = board_people(body)  # type: ignore[attr-defined]


class BoardFilterForm(Form):
    """The board's filters (GET): status, owner, organisation, due date.

    Owner and organisation are hidden fields: they are chosen on the board's lists "par
    organisation" and "par personne" (links with their numbers), and the form carries
    them along. As selects they listed every person of the body and every organisation
    of the territory, 15 KB at the busiest territory, with two queries."""

    status = forms.ChoiceField(
        label=_("État"),
        choices=[("", _("toutes les actions ouvertes")), *Status.choices],
        required=False,
    )
    owner = PersonField(
        label=_("Responsable"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )
    organisation = OrganisationField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )
    due = forms.ChoiceField(
        label=_("Échéance"),
        choices=[
            ("", _("toutes")),
            (OVERDUE, _("en retard")),
            (SOON, _("dans les %(days)d prochains jours") % {"days": SOON_DAYS}),
            (LATER, _("plus tard ou sans échéance")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = board_people(body)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = board_organisations(body).order_by(  # type: ignore[attr-defined]
            "name"
        )
