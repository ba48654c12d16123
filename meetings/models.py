"""Meetings of a body: the meetings it plans from its charter (governance.Charter), their
agenda built by everyone, and attendance.

Glossary: "ordre du jour" = agenda; "convocation" = the notice that
freezes the agenda and invites people; "compte-rendu" = minutes (app `minutes`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_agenda_version() -> int:
    """A random number, not a counter: a full save() of a meeting loaded earlier writes its
    old number back, and the next change must not fall on a number already used (and
    cached) for older content (meetings/agenda_cache.py)."""
    return secrets.randbelow(2**31 - 2) + 1


class Meeting(models.Model):
    class Format(models.TextChoices):
        TOP_DOWN = "information_descendante", _("information descendante")
        BOTTOM_UP = "information_ascendante", _("information ascendante")
        WORKING = "travail", _("réunion de travail")
        STRATEGIC = "exploration_strategique", _("exploration stratégique")
        CODEV = "codeveloppement", _("co-développement")
        MIRROR = "temps_miroir", _("temps miroir")
        SEMINAR = "seminaire_elus_dgs", _("séminaire élus-DGS")

    class Status(models.TextChoices):
        PLANNED = "planned", _("prévue")
        AGENDA_OPEN = "agenda_open", _("ordre du jour ouvert")
        CONVENED = "convened", _("convoquée")
        IN_PROGRESS = "in_progress", _("en cours")
        HELD = "held", _("tenue")
        CANCELLED = "cancelled", _("annulée")

    body = models.ForeignKey(
        "bodies.Body", on_delete=models.CASCADE, related_name="meetings", verbose_name=_("instance")
    )
    charter = models.ForeignKey(
        "governance.Charter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("planifiée par la charte"),
    )
    title = models.CharField(_("intitulé"), max_length=200, blank=True)
    format = models.CharField(
        _("format"), max_length=30, choices=Format.choices, default=Format.WORKING
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    original_starts_at = models.DateTimeField(
        _("date prévue à l'origine"),
        null=True,
        blank=True,
        help_text=_(
            "Pour une séance générée par la charte : la date de l'occurrence, conservée quand "
            "la séance est déplacée."
        ),
    )
    place = models.CharField(_("lieu"), max_length=300, blank=True)
    host = models.ForeignKey(
        "territories.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("organisation d'accueil"),
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_meetings",
        verbose_name=_("animateur·rice"),
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="secretaried_meetings",
        verbose_name=_("secrétaire de séance"),
    )
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    convened_at = models.DateTimeField(_("convoquée le"), null=True, blank=True)
    # iCalendar SEQUENCE: incremented each time a sent invitation changes.
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)
    current_item = models.ForeignKey(
        "AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("point en cours"),
    )
    # The live meeting (meetings/live.py): when it started and closed, since when the
    # current item is being discussed, and a counter bumped by every live change so that
    # each participant's page (in any process) knows it must refresh.
    started_at = models.DateTimeField(_("ouverte à"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close à"), null=True, blank=True)
    current_item_since = models.DateTimeField(_("point en cours depuis"), null=True, blank=True)
    live_version = models.PositiveIntegerField(default=0, editable=False)
    # A new number whenever anything the agenda page's rows show changes: the key of the
    # rendered rows in the cache (meetings/agenda_cache.py).
    agenda_version = models.PositiveIntegerField(default=new_agenda_version, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("réunion")
        verbose_name_plural = _("réunions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            # A charter generates one meeting per occurrence, however often it runs.
            models.UniqueConstraint(
                fields=["charter", "original_starts_at"],
                condition=Q(charter__isnull=False, original_starts_at__isnull=False),
                name="one_meeting_per_occurrence",
            ),
        ]
        indexes = [models.Index(fields=["body", "starts_at"])]

    def __str__(self) -> str:
        label = self.title or self.body.name
        return f"{label} · {timezone.localtime(self.starts_at):%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def uid(self) -> str:
        """Stable iCalendar UID: the same event across updates and cancellation."""
        return f"meeting-{self.pk}@codir"


# Fields of an item the agenda page never shows: writing only these keeps the agenda's
# version (the live meeting writes them at every move).
UNSHOWN_ITEM_FIELDS = frozenset({"started_at", "time_spent_seconds", "notes", "round_spoken"})


def bump_agendas(meetings: Q) -> int:
    """Give the agendas of the meetings matching `meetings` a new version (returned)."""
    version = new_agenda_version()
    Meeting.objects.filter(meetings).update(agenda_version=version)
    return version


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    """Bulk writes send no post_save: they give the agendas they touch a new version
    themselves, so that the agenda page's cached rows never outlive them."""

    def bulk_create(
        self, objs: Iterable[AgendaItem], *args: Any, **kwargs: Any
    ) -> list[AgendaItem]:
        created = super().bulk_create(objs, *args, **kwargs)
        bump_agendas(Q(pk__in={item.meeting_id for item in created}))
        return created

    def bulk_update(
        self, objs: Iterable[AgendaItem], fields: Iterable[str], *args: Any, **kwargs: Any
    ) -> int:
        objs, fields = list(objs), list(fields)
        updated = super().bulk_update(objs, fields, *args, **kwargs)
        if not set(fields) <= UNSHOWN_ITEM_FIELDS:
            bump_agendas(Q(pk__in={item.meeting_id for item in objs}))
        return updated

    def update(self, **kwargs: Any) -> int:
        if set(kwargs) <= UNSHOWN_ITEM_FIELDS:
            return super().update(**kwargs)
        meetings = set(self.values_list("meeting_id", flat=True))
        updated = super().update(**kwargs)
        moved_to = kwargs.get("meeting_id", kwargs.get("meeting"))
        if moved_to is not None:
            meetings.add(getattr(moved_to, "pk", moved_to))
        bump_agendas(Q(pk__in=meetings))
        return updated


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        INFORMATION = "information", _("information")
        CONSULTATION = "avis", _("consultation / avis")
        DECISION = "decision", _("décision")
        WORK = "travail", _("travail")
        CODEV = "codeveloppement", _("co-développement")
        ROUND = "tour_de_table", _("tour de table")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposé")
        ACCEPTED = "accepted", _("retenu")
        DEFERRED = "deferred", _("reporté")
        MERGED = "merged", _("fusionné")

    class Outcome(models.TextChoices):
        NONE = "", _("—")
        NOTED = "noted", _("information donnée, l’instance en a pris acte")
        OPINION = "opinion", _("avis rendu")
        DECISION_TO_PREPARE = "to_prepare", _("décision à préparer")
        DEFERRED = "deferred", _("reporté")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("réunion")
    )
    title = models.CharField(_("intitulé"), max_length=200)
    kind = models.CharField(
        _("type"), max_length=20, choices=Kind.choices, default=Kind.INFORMATION
    )
    description = models.TextField(_("description"), blank=True)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presented_items",
        verbose_name=_("présenté par"),
    )
    duration_minutes = models.PositiveSmallIntegerField(_("durée prévue (minutes)"), default=15)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposed_items",
        verbose_name=_("proposé par"),
    )
    proposed_at = models.DateTimeField(_("proposé le"), default=timezone.now)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("reporté depuis"),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_items",
        verbose_name=_("fusionné dans"),
    )
    notes = models.TextField(_("notes du secrétaire"), blank=True)
    outcome = models.CharField(
        _("issue"), max_length=12, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    started_at = models.DateTimeField(_("abordé à"), null=True, blank=True)
    time_spent_seconds = models.PositiveIntegerField(_("temps passé (secondes)"), default=0)
    # The speaking round of the item during the live meeting: ids of the people who have
    # had their turn, in the order they spoke (or passed).
    round_spoken = models.JSONField(_("tour de parole : ont parlé"), default=list, blank=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("points de l'ordre du jour")
        ordering = ["meeting", "position", "proposed_at"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """One invited person at one meeting. Two separate things are held here: the
    answer the person gave beforehand (`reply`: from the meeting page, the convocation
    mail's links or their calendar, meetings/rsvp.py) and the attendance the secretary
    records at the meeting (`status`). The recording form starts from the answer
    (meetings.forms.AttendanceForm), and only the recorded status goes in the minutes."""

    class Reply(models.TextChoices):
        NONE = "", _("pas de réponse")
        COMING = "coming", _("vient")
        EXCUSED = "excused", _("excusé·e")
        REPRESENTED = "represented", _("se fait représenter")
        TENTATIVE = "tentative", _("peut-être")

    class ReplyChannel(models.TextChoices):
        PAGE = "page", _("page de la réunion")
        MAIL = "mail", _("lien du courriel")
        CALENDAR = "calendar", _("réponse de l'agenda")

    class Status(models.TextChoices):
        INVITED = "invited", _("convoqué·e")
        PRESENT = "present", _("présent·e")
        EXCUSED = "excused", _("excusé·e")
        REPRESENTED = "represented", _("représenté·e")
        ABSENT = "absent", _("absent·e")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("réunion")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("personne"),
    )
    status = models.CharField(
        _("présence"), max_length=12, choices=Status.choices, default=Status.INVITED
    )
    represented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="representations",
        verbose_name=_("représenté·e par"),
    )

    reply = models.CharField(
        _("réponse"), max_length=12, choices=Reply.choices, default=Reply.NONE, blank=True
    )
    reply_proxy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="announced_representations",
        verbose_name=_("se fait représenter par"),
    )
    replied_at = models.DateTimeField(_("a répondu le"), null=True, blank=True)
    reply_channel = models.CharField(
        _("réponse donnée par"), max_length=10, choices=ReplyChannel.choices, blank=True
    )

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_status_display()}"

    def reply_sentence(self) -> str:
        """The answer given beforehand, addressed to the person who gave it."""
        Reply = Attendance.Reply
        if self.reply == Reply.COMING:
            return str(_("vous venez"))
        if self.reply == Reply.EXCUSED:
            return str(_("vous êtes excusé·e"))
        if self.reply == Reply.REPRESENTED and self.reply_proxy is not None:
            return str(
                _("vous êtes représenté·e par %(name)s") % {"name": self.reply_proxy.full_name}
            )
        if self.reply == Reply.REPRESENTED:
            return str(_("vous êtes représenté·e"))
        if self.reply == Reply.TENTATIVE:
            return str(_("vous viendrez peut-être"))
        return ""
