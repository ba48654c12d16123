"""Forms of the election pages. They validate input; writes are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from bodies.models import Body
from core.forms import Form
from elections.models import Election
from elections.services import MAX_TERM_MONTHS
from meetings.forms import PersonChoiceField
from meetings.models import Meeting
from territories.forms import DateInput


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return str(obj.starts_at.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y"))


class ElectionForm(Form):
    """Step 1: the role, its tasks and its term."""

    role = forms.ChoiceField(label=_("Rôle à pourvoir"), choices=Election.Role.choices)
    target_body = forms.ModelChoiceField(
        label=_("Délégation auprès de"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("Pour un ou une délégué·e seulement : l'instance où il ou elle siègera."),
    )
    description = forms.CharField(
        label=_("Le rôle"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce que la personne apporte à l'instance dans ce rôle."),
    )
    tasks = forms.CharField(
        label=_("Ses tâches"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Une tâche par ligne : préparer l'ordre du jour, animer les tours..."),
    )
    term_months = forms.IntegerField(
        label=_("Durée du mandat, en mois"), min_value=1, max_value=MAX_TERM_MONTHS, initial=12
    )
    term_start = forms.DateField(
        label=_("Début du mandat"),
        widget=DateInput(),
        required=False,
        help_text=_("Laissez vide : le mandat commence le jour du consentement."),
    )
    meeting = MeetingChoiceField(
        label=_("Élection en réunion le"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("Laissez vide pour une élection à distance, entre deux réunions."),
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target: Any = self.fields["target_body"]
        target.queryset = (
            Body.objects.filter(territory=body.territory, archived_on__isnull=True)
            .exclude(pk=body.pk)
            .order_by("name")
        )
        meeting: Any = self.fields["meeting"]
        meeting.queryset = body.meetings.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class NominationForm(Form):
    """Steps 2 and 4: whom the member names, and why."""

    nominee = PersonChoiceField(
        label=_("Je nomme"),
        queryset=Person.objects.none(),
        empty_label=_("— choisir un·e membre —"),
    )
    reason = forms.CharField(
        label=_("Pourquoi"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce qui, chez cette personne, sert le rôle. Les autres le liront."),
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nominee: Any = self.fields["nominee"]
        nominee.queryset = people


class ProposeForm(NominationForm):
    """Step 5: the facilitator proposes one of the people named."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominee"].label = _("Je propose")
        self.fields["reason"].label = _("Les raisons")
        self.fields["reason"].help_text = _(
            "Les arguments entendus pendant la lecture et le tour de changements."
        )
