"""The opération miroir and the maturity self-assessment.

Anonymous by construction: who has answered (Participation) and what was answered
(Response, MaturityAnswer) are two tables with nothing in common but the session. An
answer has a random key (UUID), no author, no time of its own (the session's date is all
there is), and is read in key order, so that neither its key, nor a timestamp, nor its
place in the table follows the order of the "has answered" rows. Every answer rewrites
the session's answers in a random order (services._reshuffle), so that the storage
itself (SQLite's rowid, PostgreSQL's row order and transaction ids) does not keep it
either. Neither table is in the audit trail.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def min_answers() -> int:
    return int(getattr(settings, "CODIR_MIRROR_MIN_ANSWERS", 3))


class MirrorSchedule(models.Model):
    """A body's rhythm of mirror sessions (its charter says, for example, twice a year)."""

    body = models.OneToOneField("bodies.Body", on_delete=models.CASCADE, related_name="+")
    per_year = models.PositiveSmallIntegerField(_("opérations par an"), default=2)
    next_on = models.DateField(_("prochaine opération miroir"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.body} : {self.per_year}/an"


class Status(models.TextChoices):
    DRAFT = "draft", _("en préparation")
    OPEN = "open", _("ouverte aux réponses")
    CLOSED = "closed", _("close")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("en cours d’écriture")
    SUBMITTED = "submitted", _("soumis au consentement")
    ADOPTED = "adopted", _("adopté")


class MirrorSession(models.Model):
    """One opération miroir of a body: its questionnaire, answers and action plan."""

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+")
    held_on = models.DateField(_("date"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("réunion « temps miroir »"),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        "accounts.Person", on_delete=models.PROTECT, related_name="+", null=True
    )
    plan = models.TextField(_("plan d’action"), blank=True)
    plan_status = models.CharField(
        max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    plan_adopted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-held_on", "-pk")

    def __str__(self) -> str:
        return f"Opération miroir du {self.held_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("reflection:session", args=[self.pk])


class Question(models.Model):
    """A question of one session's questionnaire: copied from the vademecum's template
    (`key`), then the body's own to edit until the session opens."""

    class Kind(models.TextChoices):
        SCALE = "scale", _("échelle de 1 à 5")
        TEXT = "text", _("texte libre")

    session = models.ForeignKey(MirrorSession, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    key = models.CharField(max_length=30, blank=True)  # the template's: trends follow it
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("réponse"), max_length=10, choices=Kind.choices)
    low = models.CharField(_("1 veut dire"), max_length=80, blank=True)
    high = models.CharField(_("5 veut dire"), max_length=80, blank=True)

    class Meta:
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return self.text

    @property
    def scale(self) -> bool:
        return self.kind == self.Kind.SCALE


class Participation(models.Model):
    """Who has answered a session: to remind the others and refuse a second answer. No
    time, nothing about the answer."""

    session = models.ForeignKey(
        MirrorSession, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey("accounts.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("session", "person"), name="one_mirror_answer_each")
        ]

    def __str__(self) -> str:
        return "a participation"


class Response(models.Model):
    """One answer to one question, by nobody in particular."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    value = models.PositiveSmallIntegerField(null=True, blank=True)  # 1 to 5 on a scale
    text = models.TextField(blank=True)

    class Meta:
        ordering = ("id",)  # random: says nothing of who came first

    def __str__(self) -> str:
        return "an answer"


class MirrorAction(models.Model):
    """An action decided in the session's discussion: it lives on the follow-up board."""

    session = models.ForeignKey(MirrorSession, on_delete=models.CASCADE, related_name="actions")
    action = models.OneToOneField("followup.Action", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"action {self.action_id}"


class MaturityRound(models.Model):
    """One self-assessment of a body's maturity: each member positions the codir on the
    stages, says how each factor weighs, ticks obstacles and levers; the body then
    records the next step it chose."""

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+")
    held_on = models.DateField(_("date"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    next_step = models.TextField(_("prochaine étape choisie"), blank=True)
    next_step_by = models.ForeignKey(
        "accounts.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        "accounts.Person", on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ("-held_on", "-pk")

    def __str__(self) -> str:
        return f"Autodiagnostic du {self.held_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("reflection:round", args=[self.pk])


class MaturityParticipation(models.Model):
    round = models.ForeignKey(
        MaturityRound, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey("accounts.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("round", "person"), name="one_maturity_answer_each")
        ]

    def __str__(self) -> str:
        return "a participation"


class MaturityAnswer(models.Model):
    """One member's self-assessment, by nobody in particular (see the module's note)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(MaturityRound, on_delete=models.CASCADE, related_name="answers")
    stage = models.PositiveSmallIntegerField()
    factors = models.JSONField(default=dict)  # factor key -> -1, 0, 1 (vademecum.FACTORS)
    obstacles = models.JSONField(default=list)  # keys of vademecum.OBSTACLES
    levers = models.JSONField(default=list)  # keys of vademecum.LEVERS

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return "an answer"
