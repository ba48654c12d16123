"""Forms of the opération miroir and the maturity self-assessment (writes are in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from bodies.models import Body
from core.forms import Form, ModelForm
from followup.selectors import board_people
from meetings.models import Meeting
from reflection.models import MirrorSession, Question
from reflection.vademecum import FACTOR_EFFECTS, FACTORS, LEVERS, OBSTACLES, STAGES
from territories.forms import DateInput


class MeetingField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return obj.starts_at.strftime("%d/%m/%Y")


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


class ScheduleForm(Form):
    per_year = forms.IntegerField(
        label=_("Opérations miroir par an"), min_value=1, max_value=12, required=False
    )
    next_on = forms.DateField(
        label=_("Prochaine opération miroir"), required=False, widget=DateInput()
    )


class SessionForm(Form):
    held_on = forms.DateField(label=_("Date de l’opération miroir"), widget=DateInput())
    meeting = MeetingField(
        label=_("Réunion « temps miroir » (facultatif)"),
        queryset=Meeting.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Meeting.objects.filter(body=body, format=Meeting.Format.MIRROR).order_by(
            "-starts_at"
        )


class QuestionForm(ModelForm):
    class Meta:
        model = Question
        fields = ("position", "text", "kind", "low", "high")


QuestionFormSet = modelformset_factory(
    Question, form=QuestionForm, extra=2, can_delete=True, max_num=30, validate_max=True
)


class AnswerForm(Form):
    """One field per question: a choice of 1 to 5 or a text area; every one optional."""

    def __init__(
        self, *args: Any, session: MirrorSession, questions: list[Question], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        for question in questions:
            name = f"q{question.pk}"
            if question.scale:
                choices = [(str(n), str(n)) for n in range(1, 6)]
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=_("1 : %(low)s · 5 : %(high)s")
                    % {"low": question.low or "—", "high": question.high or "—"},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def answers(self) -> dict[int, int | str | None]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class MirrorActionForm(Form):
    title = forms.CharField(label=_("Action décidée"), max_length=300)
    owner = PersonField(label=_("Responsable"), queryset=Person.objects.none(), required=False)
    due_on = forms.DateField(label=_("Échéance"), required=False, widget=DateInput())

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = board_people(body)


class PlanForm(Form):
    plan = forms.CharField(
        label=_("Plan d’action"), required=False, max_length=8000, widget=forms.Textarea
    )


class RoundForm(Form):
    held_on = forms.DateField(label=_("Date de l’autodiagnostic"), widget=DateInput())


class MaturityForm(Form):
    stage = forms.TypedChoiceField(
        label=_("Où situez-vous le Co-dir aujourd’hui ?"),
        choices=[(str(s.number), f"{s.number}. {s.name} — {s.description}") for s in STAGES],
        coerce=int,
        widget=forms.RadioSelect,
    )
    obstacles = forms.MultipleChoiceField(
        label=_("Ce qui vient freiner, ce sur quoi nous butons"),
        choices=OBSTACLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    levers = forms.MultipleChoiceField(
        label=_("Ce qui facilite et peut faire levier"),
        choices=LEVERS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in FACTORS:
            self.fields[f"factor_{key}"] = forms.TypedChoiceField(
                label=str(label),
                choices=[(str(v), name) for v, name in FACTOR_EFFECTS],
                coerce=int,
                initial="0",
                widget=forms.RadioSelect,
            )

    def factor_fields(self) -> list[forms.BoundField]:
        return [self[f"factor_{key}"] for key, _label in FACTORS]

    def factors(self) -> dict[str, int]:
        return {key: self.cleaned_data[f"factor_{key}"] for key, _label in FACTORS}


class NextStepForm(Form):
    next_step = forms.CharField(
        label=_("La prochaine étape que le Co-dir s’est choisie"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
