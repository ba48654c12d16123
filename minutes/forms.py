from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form


class MinutesForm(Form):
    text = forms.CharField(
        label=_("Texte du compte-rendu"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "class": "minutes-text"}),
        help_text=_(
            "Texte simple. Mise en forme facultative : ## titre, **gras**, *italique*, - liste."
        ),
        error_messages={"required": _("Le compte-rendu ne peut pas être vide.")},
    )
    # The revision the text was read at: a save over a newer one is refused.
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AmendmentForm(Form):
    passage = forms.CharField(
        label=_("Passage à modifier"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Copiez le passage tel qu'il figure dans le compte-rendu."),
        error_messages={"required": _("Citez le passage à modifier.")},
    )
    replacement = forms.CharField(
        label=_("Nouvelle rédaction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Laissez vide pour proposer de supprimer le passage."),
    )
    reason = forms.CharField(
        label=_("Motif"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Dites pourquoi vous proposez cet amendement.")},
    )


class DecisionForm(Form):
    ACCEPT = "accept"
    REJECT = "reject"

    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[(ACCEPT, _("Accepter et appliquer au texte")), (REJECT, _("Refuser"))],
        # Two submit buttons carry the value: "Accepter" and "Refuser".
        widget=forms.HiddenInput,
        error_messages={"required": _("Choisissez d'accepter ou de refuser l'amendement.")},
    )
    decision_reason = forms.CharField(
        label=_("Motif de la décision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire pour un refus."),
    )

    def __init__(self, *args: Any, prefix_pk: int | None = None, **kwargs: Any) -> None:
        if prefix_pk is not None:
            kwargs.setdefault("auto_id", f"amendement-{prefix_pk}-%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("decision") == self.REJECT
            and not cleaned.get("decision_reason", "").strip()
        ):
            self.add_error("decision_reason", _("Dites pourquoi l'amendement est refusé."))
        return cleaned
