"""Follow-up of decisions (suivi): the actions a decision creates, their progress notes,
one implementation row per commune for decisions every commune carries out, the review
of a decision put on the agenda when its review date arrives, and the reminders sent.

Glossary: "action" = a thing to do, with an owner (a person), an accountable
organisation, a due date and a status; "mise en œuvre" = implementation (one commune's
row); "revue" = the review of a decision at its review date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The status of an action or of a commune's implementation row."""

    TODO = "todo", _("à faire")
    IN_PROGRESS = "in_progress", _("en cours")
    DONE = "done", _("fait")
    BLOCKED = "blocked", _("bloqué")
    ABANDONED = "abandoned", _("abandonné")


# Still to be done: what the board, the reminders and "mes actions" show.
OPEN_STATUSES = (Status.TODO, Status.IN_PROGRESS, Status.BLOCKED)
CLOSED_STATUSES = (Status.DONE, Status.ABANDONED)


class Action(models.Model):
    """Something to do, usually decided by the body (a decision of its register)."""

    body = models.ForeignKey(
        "bodies.Body", on_delete=models.CASCADE, related_name="actions", verbose_name=_("instance")
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("décision"),
    )
    title = models.CharField(_("action"), max_length=200)
    details = models.TextField(_("précisions"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("responsable"),
    )
    organisation = models.ForeignKey(
        "territories.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("organisation redevable"),
    )
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=12, choices=Status.choices, default=Status.TODO)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créée par"),
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("mise à jour le"), default=timezone.now)
    done_on = models.DateField(_("faite le"), null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["body", "status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("followup:action", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()


class ActionNote(models.Model):
    """A progress note on an action, with the status it set (if it changed it)."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="notes", verbose_name=_("action")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur·rice"),
    )
    text = models.TextField(_("note"), blank=True)
    status = models.CharField(_("nouvel état"), max_length=12, choices=Status.choices, blank=True)
    created_at = models.DateTimeField(_("écrite le"), default=timezone.now)

    class Meta:
        verbose_name = _("note de suivi")
        verbose_name_plural = _("notes de suivi")
        ordering = ["action", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} · {self.created_at:%d/%m/%Y}"


class Implementation(models.Model):
    """One commune's implementation of a decision: who carries it out there, where it
    stands, by when."""

    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.CASCADE,
        related_name="implementations",
        verbose_name=_("décision"),
    )
    organisation = models.ForeignKey(
        "territories.Organisation",
        on_delete=models.CASCADE,
        related_name="implementations",
        verbose_name=_("commune"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="implementations",
        verbose_name=_("responsable"),
    )
    status = models.CharField(_("état"), max_length=12, choices=Status.choices, default=Status.TODO)
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    done_on = models.DateField(_("faite le"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("mise à jour le"), default=timezone.now)

    class Meta:
        verbose_name = _("mise en œuvre par une commune")
        verbose_name_plural = _("mises en œuvre par les communes")
        ordering = ["decision", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "organisation"], name="one_implementation_per_commune"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("followup:implementation", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()


class DecisionReview(models.Model):
    """A decision's review put on a meeting's agenda: one per decision, so that the
    daily scheduling never adds it twice."""

    decision = models.OneToOneField(
        "decisions.Decision",
        on_delete=models.CASCADE,
        related_name="review",
        verbose_name=_("décision"),
    )
    item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("point de l'ordre du jour"),
    )
    created_at = models.DateTimeField(_("inscrite le"), default=timezone.now)

    class Meta:
        verbose_name = _("revue de décision")
        verbose_name_plural = _("revues de décisions")

    def __str__(self) -> str:
        return str(self.decision)


class FollowupReminder(models.Model):
    """The follow-up reminder a person received one day (by e-mail or in the digest):
    one per person and day, so that nobody is reminded twice the same day."""

    class Channel(models.TextChoices):
        MAIL = "mail", _("courriel")
        DIGEST = "digest", _("récapitulatif quotidien")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField(default=timezone.localdate)
    channel = models.CharField(max_length=6, choices=Channel.choices, default=Channel.MAIL)
    actions = models.PositiveIntegerField(default=0)
    implementations = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "sent_on"], name="one_followup_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.sent_on}"
