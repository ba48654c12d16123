"""The proposals a body treats by consent, vote, collective opinion or information, and
their text versions (what happens in their rounds: models/rounds.py).

Rule the models carry (the services in decisions/proposals/ enforce the rest): a
proposal's text changes only through a new ProposalVersion (its history is kept).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Process(models.TextChoices):
    CONSENT = "consent", _("consentement")
    VOTE = "vote", _("vote")
    OPINION = "avis", _("avis collectif")
    INFORMATION = "information", _("information")


class Proposal(models.Model):
    """What a body is asked to adopt, and the process that treats it.

    A proposal belongs to a body and, when it is substantive, to an object of the body's
    framework; when treated in a meeting, to an agenda item (mode live). It may carry a
    subject besides its text (a version of the body's charter or framework, an
    election): adopting the proposal adopts the subject (decisions/proposals/subjects.py)."""

    class Mode(models.TextChoices):
        LIVE = "live", _("en réunion")
        ASYNC = "async", _("à distance, avec une échéance")

    class Phase(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        PRESENTATION = "presentation", _("présentation")
        CLARIFYING = "clarifying", _("questions de clarification")
        REACTIONS = "reactions", _("réactions")
        AMENDMENT = "amendment", _("amendement par le porteur")
        OBJECTIONS = "objections", _("tour des objections")
        INTEGRATION = "integration", _("intégration des objections")
        VOTING = "voting", _("vote")
        OPINIONS = "opinions", _("tour des avis")
        ADOPTED = "adopted", _("adoptée")
        REJECTED = "rejected", _("rejetée")
        WITHDRAWN = "withdrawn", _("retirée")

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("instance"),
    )
    object = models.ForeignKey(
        "governance.FrameworkObject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("objet du cadre de référence"),
    )
    item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("point de l'ordre du jour"),
    )
    # What the proposal adopts besides its text, if anything (decisions/proposals/subjects.py):
    # a version of the charter or of the framework, an election...
    subject_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nature de ce qu'elle adopte"),
    )
    subject_id = models.PositiveBigIntegerField(_("ce qu'elle adopte"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    amends = models.ForeignKey(
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amending_proposals",
        verbose_name=_("modifie la décision"),
    )
    supersedes = models.ForeignKey(
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseding_proposals",
        verbose_name=_("remplace la décision"),
    )
    title = models.CharField(_("intitulé"), max_length=200)
    text = models.TextField(_("texte proposé"))
    context = models.TextField(
        _("contexte et raisons"), blank=True, help_text=_("Pourquoi cette proposition.")
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("porteur·se"),
    )
    process = models.CharField(
        _("processus"), max_length=12, choices=Process.choices, default=Process.CONSENT
    )
    mode = models.CharField(
        _("déroulement"), max_length=6, choices=Mode.choices, default=Mode.ASYNC
    )
    phase = models.CharField(_("étape"), max_length=14, choices=Phase.choices, default=Phase.DRAFT)
    # Objection rounds are repeated after integration: turns and objections carry the
    # round they belong to.
    round_number = models.PositiveSmallIntegerField(_("tour n°"), default=1)
    deadline = models.DateTimeField(_("échéance de l'étape"), null=True, blank=True)
    # When the current phase opened: a reminder never follows its round's opening
    # notice within the same hours (decisions/tasks.py REMIND_NOT_BEFORE).
    phase_opened_at = models.DateTimeField(_("étape ouverte le"), null=True, blank=True)
    vote_threshold = models.PositiveSmallIntegerField(
        _("seuil d'adoption (% des suffrages exprimés)"),
        default=50,
        help_text=_("Adoptée quand les « pour » dépassent ce pourcentage des pour et contre."),
    )
    opinion_text = models.TextField(_("avis de l'instance"), blank=True)
    review_on = models.DateField(_("date de revue"), null=True, blank=True)
    # Who speaks last in each round (the nominee of an election); by default nobody.
    last_speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parle en dernier"),
    )
    created_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    opened_at = models.DateTimeField(_("ouverte le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["body", "phase"]),
            models.Index(fields=["subject_type", "subject_id"], name="proposal_subject_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:proposal", args=[self.pk])

    # The phase rules the pages read (the processes' rules are decisions/consent/rules.py).
    # After these phases the proposal is over: nothing more happens to it.
    CLOSED_PHASES = (Phase.ADOPTED, Phase.REJECTED, Phase.WITHDRAWN)
    # The phases at the end of which the proposal is concluded: adopted, its votes
    # counted, the body's opinion adopted.
    CONCLUDING_PHASES = (Phase.OBJECTIONS, Phase.VOTING, Phase.OPINIONS)
    # The phases in which the proposer (or the driver) changes the text.
    PROPOSER_TEXT_PHASES = (Phase.DRAFT, Phase.AMENDMENT, Phase.INTEGRATION)

    @property
    def has_subject(self) -> bool:
        """It adopts something besides its text (decisions/proposals/subjects.py)."""
        return self.subject_type_id is not None

    @property
    def is_open(self) -> bool:
        return self.phase != self.Phase.DRAFT and not self.is_closed

    @property
    def is_closed(self) -> bool:
        return self.phase in self.CLOSED_PHASES

    @property
    def is_draft(self) -> bool:
        return self.phase == self.Phase.DRAFT

    @property
    def is_adopted(self) -> bool:
        return self.phase == self.Phase.ADOPTED

    @property
    def is_rejected(self) -> bool:
        return self.phase == self.Phase.REJECTED

    @property
    def is_withdrawn(self) -> bool:
        return self.phase == self.Phase.WITHDRAWN

    @property
    def is_live(self) -> bool:
        return self.mode == self.Mode.LIVE

    @property
    def is_vote(self) -> bool:
        return self.process == Process.VOTE

    @property
    def concludes_now(self) -> bool:
        """Open and at the step where it is concluded (mere information: at any step)."""
        return self.is_open and (
            self.phase in self.CONCLUDING_PHASES or self.process == Process.INFORMATION
        )

    @property
    def awaits_opinion_text(self) -> bool:
        """The round of opinions: the driver writes the body's collective opinion."""
        return self.process == Process.OPINION and self.phase == self.Phase.OPINIONS

    @property
    def proposer_may_change_text(self) -> bool:
        """The step where the proposer changes the text (draft, amendment, integration)."""
        return self.phase in self.PROPOSER_TEXT_PHASES


class ProposalVersion(models.Model):
    """The proposal's text after each change (its first version is the text as filed)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="versions", verbose_name=_("proposition")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("texte"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur·rice"),
    )
    reason = models.TextField(_("raison du changement"), blank=True)
    amendment = models.ForeignKey(
        "Amendment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("amendement intégré"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("version du texte")
        verbose_name_plural = _("versions du texte")
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="one_proposal_version")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} · v{self.number}"
