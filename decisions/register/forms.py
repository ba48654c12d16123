"""The register's search and filters (a GET form: the page and its exports share the
query string)."""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bodies.models import Body
from core.forms import Form, LongSelect
from decisions.models import Decision
from decisions.register.selectors import RegisterFilters, Status
from territories.models import Organisation

MAX_QUERY_LENGTH = 200


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class RegisterFilterForm(Form):
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "Un ou plusieurs mots, un numéro (2026-014). Les accents, majuscules et pluriels "
            "sont sans importance."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    # The lists of objects, bodies and organisations grow with the territory (LongSelect).
    object = forms.ChoiceField(
        label=_("Objet du cadre de référence"), required=False, widget=LongSelect
    )
    body = forms.ModelChoiceField(
        label=_("Instance"),
        required=False,
        queryset=Body.objects.none(),
        empty_label=_("Toutes"),
        widget=LongSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Toutes"),
        widget=LongSelect,
        help_text=_(
            "Les décisions auxquelles une personne de l'organisation a pris part, ou dont "
            "elle porte une action ou la mise en œuvre."
        ),
    )
    start = forms.DateField(label=_("Depuis le"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Jusqu'au"), required=False, widget=DateInput())
    status = forms.ChoiceField(
        label=_("État"), required=False, choices=[("", _("Tous")), *Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("Nature"), required=False, choices=[("", _("Toutes")), *Decision.Kind.choices]
    )

    def __init__(
        self,
        data: Any,
        *,
        bodies: QuerySet[Body] | None,
        objects: list[tuple[str, str]],
        organisations: QuerySet[Organisation],
    ) -> None:
        super().__init__(data)
        object_field = self.fields["object"]
        assert isinstance(object_field, forms.ChoiceField)
        object_field.choices = [("", _("Tous")), *objects]
        self._named_options("organisation", organisations)
        if bodies is None:
            # The register of one body: the body is not a filter.
            del self.fields["body"]
        else:
            self._named_options("body", bodies)

    def _named_options(self, name: str, queryset: QuerySet[Body] | QuerySet[Organisation]) -> None:
        """The queryset checks the choice; the options are read as (pk, name) pairs, and
        only when the form is shown: one narrow query, no model instances (a territory
        has 160 organisations), none for an export."""
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset
        empty = field.empty_label

        @cache  # the widget reads its choices twice (whether to mark the field required)
        def options() -> list[tuple[Any, Any]]:
            return [("", empty), *queryset.values_list("pk", "name")]

        field.widget.choices = options

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("La fin de la période précède son début."))
        return cleaned

    def filters(self, *, body: Body | None = None) -> RegisterFilters:
        """The filters of the valid fields (an invalid one filters nothing and shows its
        error). `body` is the body of a body's register."""
        self.is_valid()
        data = self.cleaned_data
        lineage = data.get("object")
        return RegisterFilters(
            query=data.get("q") or "",
            lineage=uuid.UUID(lineage) if lineage else None,
            body=body if body is not None else data.get("body"),
            organisation=data.get("organisation"),
            start=data.get("start"),
            end=data.get("end") if "end" not in self.errors else None,
            status=data.get("status") or "",
            kind=data.get("kind") or "",
        )

    @property
    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)
