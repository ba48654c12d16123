"""Forms of the reference framework pages. They validate input; writes are in
decisions/framework_services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from decisions.framework_selectors import MISSION_FIELDS
from documents.forms import DocumentForm
from documents.models import Document
from governance.models import Authority, FrameworkObject, LegitimacySource
from territories.forms import DateInput


class FrameworkForm(forms.Form):
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


class FrameworkObjectForm(forms.Form):
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
