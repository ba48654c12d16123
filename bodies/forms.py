"""Forms of the body pages. They validate input; the writes are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from bodies.models import Body, BodyMembership
from core.forms import Form
from territories.forms import DateInput, person_field
from territories.models import Position


class BodyForm(Form):
    name = forms.CharField(label=_("Nom"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Nature"), choices=[("", _("— choisir —")), *Body.Kind.choices]
    )
    circle = forms.TypedChoiceField(
        label=_("Cercle"),
        choices=Body.Circle.choices,
        coerce=int,
        initial=Body.Circle.CODIR,
        help_text=_(
            "1 : le codir lui-même ; 2 : les autres acteurs du bloc local (élus, services, "
            "réseaux) ; 3 : les acteurs extérieurs (État, opérateurs, associations)."
        ),
    )
    stratum = forms.ChoiceField(
        label=_("Strate"),
        choices=[("", _("— selon la nature —")), *Body.Stratum.choices],
        required=False,
        help_text=_(
            "Laissez « selon la nature » : un codir stratégique est stratégique, un comité "
            "technique opérationnel, une conférence des maires politique."
        ),
    )
    parent = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        label=_("Instance parente"),
        required=False,
        empty_label=_("— aucune —"),
        help_text=_("Pour une sous-instance : un comité technique du codir, par exemple."),
    )
    description = forms.CharField(
        label=_("Raison d'être"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Pourquoi cette instance existe, ce qu'elle traite, qui la compose."),
    )

    def __init__(self, *args: Any, parents: QuerySet[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


def position_choices(positions: QuerySet[Position], person_id: int | None) -> list[tuple[Any, Any]]:
    """The choices of the position select: the chosen person's positions, or, before a
    person is chosen (a page without JavaScript), everyone's, grouped by person."""
    empty: tuple[Any, Any] = ("", _("— aucune : je précise ci-dessous à quel titre —"))
    if person_id is not None:
        return [empty, *[(p.pk, f"{p.label} · {p.organisation.name}") for p in positions]]
    groups: dict[str, list[tuple[int, str]]] = {}
    for position in positions:
        groups.setdefault(position.person.full_name, []).append(
            (position.pk, f"{position.label} · {position.organisation.name}")
        )
    return [empty, *groups.items()]


class MembershipForm(Form):
    person = person_field()
    position = forms.ModelChoiceField(
        queryset=Position.objects.none(),
        label=_("Au titre de la fonction"),
        required=False,
        help_text=_("Une des fonctions actuelles de la personne dans le territoire."),
    )
    capacity = forms.CharField(
        label=_("Ou à quel titre (texte libre)"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : experte mobilité, représentant de la préfecture."),
    )
    role = forms.ChoiceField(
        label=_("Rôle"), choices=BodyMembership.Role.choices, initial=BodyMembership.Role.MEMBER
    )
    start_date = forms.DateField(label=_("Depuis le"), widget=DateInput())

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person],
        positions: QuerySet[Position],
        refresh_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["position"].queryset = positions  # type: ignore[attr-defined]
        self.fields["start_date"].initial = timezone.localdate
        if refresh_url:
            # With JavaScript, choosing a person narrows the position select to theirs.
            self.fields["person"].widget.attrs.update(
                {
                    "hx-get": refresh_url,
                    "hx-trigger": "change",
                    "hx-target": "#champ-position",
                    "hx-swap": "outerHTML",
                }
            )
        person_id = self._chosen_person_id()
        shown = positions.filter(person_id=person_id) if person_id else positions
        self.fields["position"].choices = position_choices(shown, person_id)  # type: ignore[attr-defined]

    def _chosen_person_id(self) -> int | None:
        raw = self.data.get("person") if self.is_bound else self.initial.get("person")
        try:
            return int(raw) if raw else None
        except (TypeError, ValueError):
            return None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person: Person | None = cleaned.get("person")
        position: Position | None = cleaned.get("position")
        if person and position and position.person_id != person.pk:
            self.add_error(
                "position", _("Cette fonction n'est pas une fonction de la personne choisie.")
            )
        if "position" in cleaned and not position and not cleaned.get("capacity"):
            self.add_error(
                "capacity",
                _("Indiquez à quel titre la personne siège : une de ses fonctions ou un texte."),
            )
        return cleaned
