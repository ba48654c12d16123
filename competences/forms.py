"""The forms of who answers what. The grid is a formset of one small form per
competence; the organisations' choices are read once for the whole grid (a model choice
field would read them again for every row)."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeData, SafeString
from django.utils.translation import gettext_lazy as _

from competences.models import Competence, Scenario, ScenarioStep, SharedService, TerritoryGuide
from core.forms import Form, ModelForm
from territories.models import Organisation


class QuickSelect(forms.Select):
    """A select written in Python, as Django's templates write it (the test compares
    them). The grid holds one select per competence, each listing every organisation of
    the territory: through a template per option, 4,800 options took 850 ms of the grid
    of the busiest territory (docs/benchmark.md)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, group_choices, _index in widget["optgroups"]:
            # Plain string building: format_html and flatatt per option cost as much again.
            options = "".join(
                f'<option value="{_escape(option["value"])}"'
                f"{flatatt(option['attrs']) if option['attrs'] else ''}>"
                f"{_escape(option['label'])}</option>"
                for option in group_choices
            )
            if group_name:
                options = f'<optgroup label="{_escape(group_name)}">{options}</optgroup>'
            parts.append(options)
        return SafeString(
            f'<select name="{_escape(widget["name"])}"{flatatt(widget["attrs"])}>'
            f"{''.join(parts)}</select>"
        )


def _escape(value: object) -> str:
    """As the template writes a value: as is when marked safe, escaped otherwise."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


class ExerciseRowForm(Form):
    """One competence of the grid: who exercises it since when, the counter, the contact
    and the guidance. Left as it was pre-filled, it records nothing."""

    exercised_by = forms.TypedChoiceField(
        label=_("Exercée par"), coerce=int, required=False, widget=QuickSelect
    )
    since = forms.DateField(
        label=_("Depuis le"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    counter = forms.CharField(label=_("Guichet (adresse)"), max_length=300, required=False)
    hours = forms.CharField(label=_("Horaires"), max_length=200, required=False)
    phone = forms.CharField(label=_("Téléphone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Courriel"), required=False)
    website = forms.URLField(label=_("Site web"), required=False, assume_scheme="https")
    guidance = forms.CharField(
        label=_("Consigne d'orientation (publique)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    internal_note = forms.CharField(
        label=_("Note interne"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        choices: list[tuple[str | int, str]],
        held_since: date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["exercised_by"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = choices
        self.held_since = held_since

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.has_changed():
            return data
        if not data.get("exercised_by"):
            self.add_error("exercised_by", _("Dites qui exerce cette compétence."))
        since = data.get("since")
        if since is None:
            self.add_error("since", _("Indiquez depuis quand."))
        elif self.held_since is not None and since < self.held_since:
            self.add_error(
                "since",
                _("La date ne peut précéder celle de la ligne en vigueur (%(date)s).")
                % {"date": self.held_since.strftime("%d/%m/%Y")},
            )
        return data


class BaseRowFormSet(forms.BaseFormSet[ExerciseRowForm]):
    def __init__(
        self,
        *args: Any,
        choices: list[tuple[str | int, str]],
        held: list[date | None],
        **kwargs: Any,
    ) -> None:
        self.choices = choices
        self.held = held
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        held = self.held[index] if index is not None and index < len(self.held) else None
        return {"choices": self.choices, "held_since": held}


def row_formset(
    data: Any,
    *,
    initial: list[dict[str, Any]],
    choices: list[tuple[str | int, str]],
    held: list[date | None],
) -> BaseRowFormSet:
    """The grid's formset: one form per competence, its choices read once."""
    formset_class = forms.formset_factory(ExerciseRowForm, formset=BaseRowFormSet, extra=0)
    formset: BaseRowFormSet = formset_class(  # type: ignore[call-arg,assignment]
        data, initial=initial, choices=choices, held=held, prefix="ligne"
    )
    return formset


# The defaults' choice "each commune exercises it, en mairie" (a row without organisation).
EACH_COMMUNE = -1


def organisation_choices(
    organisations: list[Organisation], *, each_commune: bool = False
) -> list[tuple[str | int, str]]:
    choices: list[tuple[str | int, str]] = [("", str(_("— non renseigné —")))]
    if each_commune:
        choices.append((EACH_COMMUNE, str(_("Chaque commune, en mairie"))))
    # The kinds' labels translated once, not once per organisation (10 ms at 160).
    kinds = {value: str(label) for value, label in Organisation.Kind.choices}
    choices += [(o.pk, f"{o.name} ({kinds.get(o.kind, o.kind)})") for o in organisations]
    return choices


class CompetenceForm(ModelForm):
    class Meta:
        model = Competence
        fields = ["name", "group", "keywords", "description", "sources", "order"]
        widgets = {
            "keywords": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.Textarea(attrs={"rows": 3}),
        }


class GuideForm(ModelForm):
    class Meta:
        model = TerritoryGuide
        fields = ["pact_date", "pact_text", "scheme_date", "scheme_text"]
        widgets = {
            "pact_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "scheme_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "pact_text": forms.Textarea(attrs={"rows": 12}),
            "scheme_text": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {"pact_text": _("En Markdown."), "scheme_text": _("En Markdown.")}


class SharedServiceForm(ModelForm):
    name = forms.CharField(label=_("Nom du service commun"), max_length=200)

    class Meta:
        model = SharedService
        fields = ["communes", "description", "agreement_start", "agreement_end"]
        widgets = {
            "communes": forms.CheckboxSelectMultiple,
            "agreement_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "agreement_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, communes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["communes"].queryset = communes  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["name"].initial = self.instance.organisation.name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("agreement_start"), data.get("agreement_end")
        if start and end and end < start:
            self.add_error("agreement_end", _("La fin de la convention suit son début."))
        return data


class ScenarioForm(ModelForm):
    class Meta:
        model = Scenario
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class StepForm(ModelForm):
    class Meta:
        model = ScenarioStep
        fields = ["title", "competence"]


StepFormSet = forms.inlineformset_factory(
    Scenario, ScenarioStep, form=StepForm, extra=2, can_delete=True
)
