"""Minutes (compte-rendu) of a meeting and the amendments members propose to them.

Lifecycle: draft (the secretary writes, from the meeting's attendance and notes) →
in review (members propose amendments until `review_until`; the approval is put on the
next meeting's agenda) → approved (recorded at that next meeting, locked for good).
An approved text is never edited: a correction is a new version that `corrects` it.

Glossary: "compte-rendu" = minutes; "relecture" = review; "amendement" = amendment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        IN_REVIEW = "in_review", _("en relecture")
        APPROVED = "approved", _("approuvé")

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="minutes",
        verbose_name=_("réunion"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    text = models.TextField(
        _("texte"), help_text=_("Texte simple ; la mise en forme Markdown est acceptée.")
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    review_until = models.DateField(_("relecture jusqu'au"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("soumis à relecture le"), null=True, blank=True)
    approval_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("point d'approbation"),
    )
    approved_at = models.DateTimeField(_("approuvé le"), null=True, blank=True)
    approved_in = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes",
        verbose_name=_("approuvé en réunion du"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approbation enregistrée par"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="minutes_written",
        verbose_name=_("rédigé par"),
    )
    # Optimistic concurrency: each save of the text increments it; a form that carries
    # an older value is refused instead of overwriting someone else's work.
    revision = models.PositiveIntegerField(_("révision"), default=1)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrige la version"),
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("compte-rendu")
        verbose_name_plural = _("comptes-rendus")
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="one_minutes_version"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="approved_minutes_have_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · compte-rendu v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("minutes:detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


class MinutesAmendment(models.Model):
    """A member's proposal to replace a passage of the minutes (an empty replacement
    deletes it). Accepting it applies it to the text; the amendment stays as history."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposé")
        ACCEPTED = "accepted", _("accepté")
        REJECTED = "rejected", _("refusé")

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("compte-rendu")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="minutes_amendments",
        verbose_name=_("proposé par"),
    )
    passage = models.TextField(_("passage à modifier"))
    replacement = models.TextField(_("nouvelle rédaction"), blank=True)
    reason = models.TextField(_("motif"))
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    created_at = models.DateTimeField(_("proposé le"), default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décidé par"),
    )
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    decision_reason = models.TextField(_("motif de la décision"), blank=True)

    class Meta:
        verbose_name = _("amendement au compte-rendu")
        verbose_name_plural = _("amendements au compte-rendu")
        ordering = ["minutes", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.minutes} · amendement {self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.minutes.get_absolute_url()}#amendement-{self.pk}"
