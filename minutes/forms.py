from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from minutes.paragraphs import Paragraph


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
    """Amend what one reads: choose a numbered paragraph and rewrite its text as it is
    displayed, or paste a passage copied from the page and write what replaces it. The
    Markdown source never shows (minutes.paragraphs carries the change into it)."""

    paragraph = forms.TypedChoiceField(
        label=_("Paragraphe à amender"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Les paragraphes sont numérotés comme dans le texte ci-contre."),
    )
    passage = forms.CharField(
        label=_("Ou le passage à modifier, copié du compte-rendu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Facultatif : copiez quelques mots tels qu’ils s’affichent ; la nouvelle "
            "rédaction remplace alors ce passage seulement."
        ),
    )
    replacement = forms.CharField(
        label=_("Nouvelle rédaction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Le texte tel qu’il doit s’afficher, sans symboles de mise en forme. Laissez "
            "vide pour proposer de supprimer le paragraphe ou le passage."
        ),
    )
    reason = forms.CharField(
        label=_("Motif"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Dites pourquoi vous proposez cet amendement.")},
    )

    def __init__(self, *args: Any, paragraphs: list[Paragraph], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["paragraph"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("— choisissez un paragraphe —"))] + [
            (p.number, f"§{p.number} · {_shorten(p.plain)}") for p in paragraphs
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("paragraph") is None and not cleaned.get("passage", "").strip():
            self.add_error(
                "paragraph",
                _("Choisissez le paragraphe à amender, ou collez le passage à modifier."),
            )
        return cleaned


def _shorten(text: str, size: int = 70) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


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
