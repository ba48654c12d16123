"""The operator's forms: find an EPCI in the official data, and name the administrator
of the territory it becomes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import EMAIL_ATTRS
from core.forms import Form

MAX_QUERY_LENGTH = 200


class EpciSearchForm(Form):
    q = forms.CharField(
        label=_("Nom de l'EPCI, SIREN ou nom d'une commune"),
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "Sans tenir compte des accents ni des majuscules, ex. : « achards », « 248500530 »."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class TerritoryImportForm(Form):
    """The first administrator, required for a new territory; on a re-import, naming one
    is optional."""

    admin_email = forms.EmailField(
        label=_("Adresse électronique de l'administrateur du territoire"),
        max_length=254,
        widget=forms.EmailInput(attrs=EMAIL_ATTRS),
        help_text=_(
            "Cette personne reçoit une invitation : en l'acceptant, elle administre le "
            "territoire (instances, organisations, invitations)."
        ),
    )
    first_name = forms.CharField(label=_("Prénom"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)

    def __init__(self, *args: Any, new_territory: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not new_territory:
            field = self.fields["admin_email"]
            field.required = False
            field.label = _("Inviter un administrateur (facultatif)")
