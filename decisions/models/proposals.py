"""The proposals a body treats by consent, vote, collective opinion or information, and
what happens in them: text versions, turns, objections, amendments, reminders.

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

    # The phases after which the proposal is over (nothing more happens to it).
    CLOSED_PHASES = (Phase.ADOPTED, Phase.REJECTED, Phase.WITHDRAWN)

    @property
    def has_subject(self) -> bool:
        """It adopts something besides its text (decisions/proposals/subjects.py)."""
        return self.subject_type_id is not None

    @property
    def is_open(self) -> bool:
        return self.phase not in (
            self.Phase.DRAFT,
            self.Phase.ADOPTED,
            self.Phase.REJECTED,
            self.Phase.WITHDRAWN,
        )


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
