"""Forms of the networks app. They validate input; writes are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from core.forms import Form, ModelForm
from networks.models import Actor, ActorContact, Exchange
from territories.forms import DateInput


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


class MapDateForm(Form):
    """ "La carte au 1er janvier 2025": the day the seats and links are read on."""

    au = forms.DateField(
        label=_("Au"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Indiquez une date (jour, mois, année).")},
    )

    def day(self) -> Any:
        if self.is_valid() and self.cleaned_data.get("au"):
            return self.cleaned_data["au"]
        return timezone.localdate()


class ActorForm(ModelForm):
    # An address typed without its scheme is a secure site's (Django 6's default).
    website = forms.URLField(
        label=_("Site internet"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Actor
        fields = ["name", "kind", "circle", "description", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "circle": _(
                "1 : le Co-dir lui-même ; 2 : les autres acteurs du bloc local (élus, "
                "services, réseaux de cadres) ; 3 : les acteurs extérieurs (État, autres "
                "collectivités, opérateurs, associations)."
            ),
            "description": _("Ce que fait l’acteur, sur quoi il intervient dans le territoire."),
        }
        error_messages = {"name": {"required": _("Donnez le nom de l’acteur.")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django's "---------" says nothing to a secretary: name the gesture.
        kind = self.fields["kind"]
        kind.choices = [("", _("— choisissez —")), *list(kind.choices)[1:]]  # type: ignore[attr-defined]


class ContactForm(ModelForm):
    class Meta:
        model = ActorContact
        fields = ["name", "role", "email", "phone"]
        error_messages = {
            "name": {"required": _("Donnez le nom du contact.")},
            "email": {"invalid": _("Saisissez une adresse électronique valide.")},
        }


class LinkForm(Form):
    person = PersonField(
        label=_("Personne du territoire"),
        queryset=Person.objects.none(),
        empty_label=_("— choisir une personne —"),
        error_messages={
            "required": _("Choisissez une personne."),
            "invalid_choice": _("Choisissez une personne dans la liste."),
        },
    )
    role = forms.CharField(
        label=_("Rôle"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : déléguée au comité syndical, membre du bureau."),
    )
    start_date = forms.DateField(
        label=_("Depuis le"), widget=DateInput(), initial=timezone.localdate
    )
    end_date = forms.DateField(label=_("Jusqu’au"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La fin vient après le début."))
        return data


class StrategyForm(Form):
    purpose = forms.CharField(
        label=_("Raison d’être de la relation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    we_expect = forms.CharField(
        label=_("Ce que nous attendons de l’acteur"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    they_expect = forms.CharField(
        label=_("Ce que l’acteur attend de nous"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner = PersonField(
        label=_("Porteur de la relation"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— à désigner —"),
        help_text=_(
            "La personne qui tient la relation ; la prochaine étape entre dans ses échéances."
        ),
        error_messages={"invalid_choice": _("Choisissez une personne dans la liste.")},
    )
    next_step = forms.CharField(label=_("Prochaine étape"), max_length=200, required=False)
    next_step_on = forms.DateField(
        label=_("Date de la prochaine étape"), widget=DateInput(), required=False
    )

    def __init__(self, *args: Any, owners: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("next_step_on") and not data.get("next_step"):
            self.add_error("next_step", _("Dites quelle est la prochaine étape."))
        return data


class ExchangeForm(ModelForm):
    class Meta:
        model = Exchange
        fields = ["on", "participants", "summary"]
        widgets = {"on": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"participants": _("Qui a pris part à l’échange, de part et d’autre.")}
        error_messages = {
            "participants": {"required": _("Dites qui a pris part à l’échange.")},
            "summary": {"required": _("Dites ce qui s’est dit.")},
        }
