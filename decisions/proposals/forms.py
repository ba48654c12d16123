"""Forms of the proposal pages: filing a proposal, answering a round, proposing and
treating amendments, driving the phases, writing the collective opinion."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from decisions.models import Objection, Process, Proposal, Turn
from governance.models import FrameworkObject
from meetings.models import AgendaItem
from territories.forms import DateInput


def end_of_day(day: date | None) -> datetime | None:
    """A deadline given as a day runs until the end of that day, local time."""
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


class ObjectField(forms.ModelChoiceField):
    def label_from_instance(self, obj: FrameworkObject) -> str:
        return f"{obj.title} ({obj.get_authority_display()})"


class ItemField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AgendaItem) -> str:
        day = timezone.localtime(obj.meeting.starts_at).strftime("%d/%m/%Y")
        return f"{day} · {obj.title}"


class DeadlineField(forms.DateField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Échéance de l’étape"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", DateInput())
        kwargs.setdefault(
            "help_text",
            _("À distance : le jour jusqu’auquel chacun·e répond (une semaine par défaut)."),
        )
        super().__init__(**kwargs)


class ProposalForm(Form):
    title = forms.CharField(
        label=_("Intitulé"),
        max_length=200,
        error_messages={"required": _("Donnez un intitulé à la proposition.")},
    )
    text = forms.CharField(
        label=_("Texte proposé"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Ce que l’instance adopterait, tel quel. Mise en forme markdown possible."),
        error_messages={"required": _("Écrivez le texte proposé.")},
    )
    context = forms.CharField(
        label=_("Contexte et raisons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Pourquoi cette proposition, ce qu’elle change."),
    )
    object = ObjectField(
        label=_("Objet du cadre de référence"),
        queryset=FrameworkObject.objects.none(),
        required=False,
        empty_label=_("— choisissez l’objet —"),
        help_text=_(
            "Ce que l’instance peut faire sur l’objet décide de l’issue : sur un objet où "
            "elle donne un avis, le résultat est un avis, jamais une décision."
        ),
    )
    process = forms.ChoiceField(
        label=_("Processus"), choices=Process.choices, initial=Process.CONSENT
    )
    mode = forms.ChoiceField(
        label=_("Déroulement"), choices=Proposal.Mode.choices, initial=Proposal.Mode.ASYNC
    )
    item = ItemField(
        label=_("Point de l’ordre du jour"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("— aucun —"),
        help_text=_("En réunion : le point où la proposition est traitée."),
    )
    vote_threshold = forms.IntegerField(
        label=_("Seuil d’adoption d’un vote (% des pour et contre)"),
        min_value=50,
        max_value=99,
        initial=50,
        help_text=_("Pour un vote seulement : adoptée quand les « pour » dépassent ce seuil."),
    )
    deadline = DeadlineField()
    open_now = forms.BooleanField(
        label=_("Ouvrir la proposition dès maintenant"),
        required=False,
        initial=True,
        help_text=_("Sinon elle reste en brouillon, que vous ouvrez quand elle est prête."),
    )

    def __init__(
        self,
        *args: Any,
        objects: QuerySet[FrameworkObject],
        items: QuerySet[AgendaItem],
        has_framework: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        object_field = self.fields["object"]
        item_field = self.fields["item"]
        assert isinstance(object_field, forms.ModelChoiceField)
        assert isinstance(item_field, forms.ModelChoiceField)
        object_field.queryset = objects
        item_field.queryset = items
        if not has_framework:
            # Nothing to choose from yet: what the body adopts is then at most an opinion
            # (consent.outcome_kind); its own functioning goes through the charter, the
            # framework and the elections pages.
            object_field.empty_label = _("— aucun : pas encore de cadre de référence adopté —")
            object_field.help_text = _(
                "Tant que l’instance n’a pas adopté de cadre de référence, ce qu’elle adopte "
                "est un avis, jamais une décision."
            )

    def clean_deadline(self) -> date | None:
        day: date | None = self.cleaned_data.get("deadline")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("L’échéance doit être dans le futur."))
        return day


# The button of each answer: a verb, so that the choice and the sending are one click.
ANSWER_BUTTONS: dict[str, Any] = {
    Turn.Answer.CONSENT: _("Consentir"),
    Turn.Answer.OBJECTION: _("Objecter"),
    Turn.Answer.SPOKE: _("Envoyer mon propos"),
    Turn.Answer.PASSED: _("Passer mon tour"),
    Turn.Answer.FOR: _("Voter pour"),
    Turn.Answer.AGAINST: _("Voter contre"),
    Turn.Answer.ABSTAIN: _("M’abstenir"),
}


class TurnForm(Form):
    """One's answer to the current round: a button per answer (Consentir / Objecter in
    the objections round), the text beside them. An objection without its reason is
    refused here, on the text field, which keeps what was typed and takes the focus."""

    answer = forms.ChoiceField(
        label=_("Ma réponse"),
        error_messages={"required": _("Choisissez votre réponse avec l’un des boutons.")},
    )
    text = forms.CharField(
        label=_("Mon propos"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Une question, une réaction, un avis ; pour une objection : en quoi la "
            "proposition nuit aux buts de l’instance."
        ),
    )

    def __init__(self, *args: Any, answers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = answers
        self._answers = answers
        if Turn.Answer.OBJECTION in dict(answers):
            self.fields["text"].label = _("Mon objection (obligatoire pour objecter)")
            self.fields["text"].help_text = _(
                "Pour objecter : en quoi la proposition nuit aux buts de l’instance. "
                "Pour consentir, rien à écrire."
            )

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(value, label) of each answer's button, in the round's order."""
        return [(value, str(ANSWER_BUTTONS[value])) for value, _label in self._answers]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == Turn.Answer.OBJECTION and not data.get("text"):
            self.add_error(
                "text", _("Une objection dit en quoi la proposition nuit aux buts de l’instance.")
            )
        return data

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        if "text" in self.errors:
            # Back on the page, the cursor is where the answer needs completing.
            self.fields["text"].widget.attrs["autofocus"] = True


def _objection_label(obj: Objection) -> str:
    return f"{obj.author.full_name} : {obj.reasoning[:80]}"


class AmendmentForm(Form):
    text = forms.CharField(
        label=_("Texte amendé"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Le texte entier tel que vous le proposez ; la page montre ce qui change."),
    )
    reason = forms.CharField(
        label=_("Raison"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Dites pourquoi vous proposez cet amendement.")},
    )
    responds_to = forms.ModelChoiceField(
        label=_("Répond à l’objection"),
        queryset=Objection.objects.none(),
        required=False,
        empty_label=_("— aucune —"),
    )

    def __init__(self, *args: Any, objections: QuerySet[Objection], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responds_to"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = objections
        field.label_from_instance = _objection_label  # type: ignore[method-assign]


class AmendTextForm(AmendmentForm):
    """The proposer's own change (amendment or integration phase)."""


class DecideForm(Form):
    response = forms.CharField(
        label=_("Réponse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire pour ne pas retenir un amendement."),
    )


class AdvanceForm(Form):
    deadline = DeadlineField()


class AdoptForm(Form):
    review_on = forms.DateField(
        label=_("Date de revue"),
        required=False,
        widget=DateInput(),
        help_text=_("Quand l’instance reverra ce qu’elle adopte."),
    )


class OpinionForm(Form):
    opinion_text = forms.CharField(
        label=_("Avis de l’instance"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Écrivez l’avis de l’instance.")},
    )


class WithdrawObjectionForm(Form):
    note = forms.CharField(label=_("Pourquoi je la retire"), required=False)
