"""What happens in a proposal's rounds: each member's turn, the objections, the
amendments, and the reminders of an asynchronous round."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.models.proposals import Proposal


class Turn(models.Model):
    """One member's turn in one round of a proposal: what they said (or that they
    passed), their consent or objection, their vote, their opinion. Recorded by the
    member (asynchronous) or by the facilitator for them (live)."""

    class Answer(models.TextChoices):
        SPOKE = "spoke", _("s'est exprimé·e")
        PASSED = "passed", _("passe son tour")
        CONSENT = "consent", _("consent")
        OBJECTION = "objection", _("objection")
        FOR = "for", _("pour")
        AGAINST = "against", _("contre")
        ABSTAIN = "abstain", _("abstention")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="turns", verbose_name=_("proposition")
    )
    phase = models.CharField(_("étape"), max_length=14, choices=Proposal.Phase.choices)
    round_number = models.PositiveSmallIntegerField(_("tour n°"), default=1)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="turns",
        verbose_name=_("membre"),
    )
    answer = models.CharField(_("réponse"), max_length=10, choices=Answer.choices)
    text = models.TextField(_("propos"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("enregistré par"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tour de parole")
        verbose_name_plural = _("tours de parole")
        ordering = ["proposal", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "phase", "round_number", "person"], name="one_turn_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_answer_display()}"

    @property
    def is_objection(self) -> bool:
        return self.answer == self.Answer.OBJECTION


class Objection(models.Model):
    """A reasoned objection: why the proposal harms the body's aims. Adoption is
    impossible while one is open."""

    class Status(models.TextChoices):
        OPEN = "open", _("ouverte")
        INTEGRATED = "integrated", _("intégrée par un amendement")
        WITHDRAWN = "withdrawn", _("retirée par son auteur·rice")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="objections", verbose_name=_("proposition")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="objections",
        verbose_name=_("auteur·rice"),
    )
    reasoning = models.TextField(
        _("en quoi la proposition nuit aux buts de l'instance"),
    )
    round_number = models.PositiveSmallIntegerField(_("tour n°"), default=1)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_by = models.ForeignKey(
        "Amendment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolved_objections",
        verbose_name=_("levée par l'amendement"),
    )
    resolution_note = models.TextField(_("comment elle a été levée"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["proposal", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author} · {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_integrated(self) -> bool:
        return self.status == self.Status.INTEGRATED


class Amendment(models.Model):
    """A change to the proposal's text proposed by any member (the whole new text; the
    page shows it as a diff against the version it was written on). The proposer or the
    facilitator integrates it or not, with the reason."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposé")
        INTEGRATED = "integrated", _("intégré")
        DECLINED = "declined", _("non retenu")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("proposition")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposal_amendments",
        verbose_name=_("auteur·rice"),
    )
    base_version = models.PositiveSmallIntegerField(_("écrit sur la version"))
    text = models.TextField(_("texte amendé"))
    reason = models.TextField(_("raison"))
    responds_to = models.ForeignKey(
        Objection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("répond à l'objection"),
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    response = models.TextField(_("réponse"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("traité par"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("amendement")
        verbose_name_plural = _("amendements")
        ordering = ["proposal", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.author}"

    @property
    def is_proposed(self) -> bool:
        return self.status == self.Status.PROPOSED

    @property
    def is_integrated(self) -> bool:
        return self.status == self.Status.INTEGRATED

    @property
    def is_declined(self) -> bool:
        return self.status == self.Status.DECLINED


class ProposalReminder(models.Model):
    """A reminder sent to a member who had not answered a round of an asynchronous
    proposal: one per person and round, so that nobody is reminded twice."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reminders")
    phase = models.CharField(max_length=14, choices=Proposal.Phase.choices)
    round_number = models.PositiveSmallIntegerField(default=1)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "phase", "round_number", "person"],
                name="one_reminder_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.person} · {self.sent_at:%d/%m/%Y}"
