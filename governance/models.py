"""The texts a body adopts by consent: its charter (charte de fonctionnement) and its
reference framework (cadre de référence).

Both are an `AdoptableText`: numbered versions per body, one draft at a time (the
newest version while it is not adopted), a new version copied from the latest, and one
adoption path (governance/services.py `text_adopt`) that records when, by whom and how
the version was adopted. A version submitted for adoption is frozen (`submitted_at`)
until it is adopted, or the submission is withdrawn; an adopted version never changes.
The consent process itself belongs to decisions, which calls these services.

Glossary: "charte" = charter; "cadre de référence" = framework; "objet" = an object of
the framework (a theme or a dossier) with the body's authority on it.
"""

from __future__ import annotations

import uuid
from datetime import time
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.recurrence import describe


class AdoptableText(models.Model):
    """One version of a text a body adopts. Subclasses name the fields that make the
    content (`CONTENT_FIELDS`, copied into the next version) and may copy related rows
    (`copy_related_to`)."""

    CONTENT_FIELDS: ClassVar[tuple[str, ...]] = ()

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="%(class)ss",
        verbose_name=_("instance"),
    )
    version = models.PositiveIntegerField(_("version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rédigée par"),
    )
    created_at = models.DateTimeField(_("rédigée le"), default=timezone.now)
    # Set while the version is submitted for adoption (a consent proposal carries it):
    # the draft does not change until it is adopted or the submission is withdrawn.
    submitted_at = models.DateTimeField(_("soumise à l'adoption le"), null=True, blank=True)
    adopted_on = models.DateField(_("adoptée le"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adoption enregistrée par"),
    )
    adoption_note = models.TextField(_("comment elle a été adoptée"), blank=True)

    class Meta:
        abstract = True
        ordering = ["body", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["body", "version"], name="one_%(class)s_version")
        ]

    def get_absolute_url(self) -> str:
        raise NotImplementedError

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None

    @property
    def is_submitted(self) -> bool:
        """Submitted for adoption and not adopted yet: frozen until the submission is
        withdrawn."""
        return self.submitted_at is not None and not self.is_adopted

    @property
    def is_editable(self) -> bool:
        return not self.is_adopted and self.submitted_at is None

    def copy_related_to(self, target: AdoptableText) -> None:
        """Copy what the version holds besides its own fields into `target`, the next
        version (nothing by default)."""

    def check_complete(self) -> None:
        """Raise ValidationError when the draft is not ready to be submitted for adoption
        (always ready by default)."""


DEFAULT_ETHICAL_RULES = _(
    "1. Parité de la parole : chaque membre a la même voix, quelle que soit la taille de "
    "son organisation.\n"
    "2. Droit d'exprimer et d'explorer un désaccord, sans contre-argumentation immédiate.\n"
    "3. Droit d'ingérence, avec bienveillance et réciprocité.\n"
    "4. Pouvoir d'amendement : chacun peut proposer de modifier ce qui est proposé.\n"
    "5. Respect des personnes, des organisations et des engagements pris ensemble."
)


class Charter(AdoptableText):
    """One version of a body's charter: who comes, the rhythm of its meetings, where,
    the notice, the minutes, the facilitation and the ethical rules. The meetings app
    plans the body's meetings from the version in force."""

    # In the order a reader meets them (the summary of a version follows it).
    CONTENT_FIELDS = (
        "attendance",
        "standing_guests",
        "recurrence",
        "start_time",
        "end_time",
        "place_mode",
        "fixed_place",
        "notice_days",
        "minutes_writer",
        "minutes_review_days",
        "facilitation_mode",
        "secretary_runs_meetings",
        "ethical_rules",
        "mirrors_per_year",
    )

    class PlaceMode(models.TextChoices):
        FIXED = "fixed", _("lieu fixe")
        ROTATING = "rotating", _("tournant entre les mairies des membres")

    class FacilitationMode(models.TextChoices):
        FIXED = "fixed", _("animation fixe")
        ROTATING = "rotating", _("animation tournante")

    attendance = models.TextField(
        _("qui vient"), help_text=_("Les membres, les invités permanents, les suppléances.")
    )
    standing_guests = models.TextField(_("invités permanents"), blank=True)
    recurrence = models.CharField(
        _("fréquence (règle iCalendar)"),
        max_length=200,
        help_text=_("Par exemple FREQ=MONTHLY;BYDAY=+2TU pour le deuxième mardi du mois."),
    )
    start_time = models.TimeField(_("heure de début"), default=time(9, 0))
    end_time = models.TimeField(_("heure de fin"), default=time(11, 30))
    place_mode = models.CharField(
        _("lieu"), max_length=10, choices=PlaceMode.choices, default=PlaceMode.ROTATING
    )
    fixed_place = models.CharField(_("lieu fixe"), max_length=300, blank=True)
    notice_days = models.PositiveSmallIntegerField(
        _("délai d'envoi de l'ordre du jour et des documents (jours)"), default=7
    )
    minutes_writer = models.CharField(
        _("qui rédige le compte-rendu"), max_length=200, default=_("le ou la secrétaire de séance")
    )
    minutes_review_days = models.PositiveSmallIntegerField(
        _("délai de relecture du compte-rendu (jours)"), default=10
    )
    facilitation_mode = models.CharField(
        _("animation"),
        max_length=10,
        choices=FacilitationMode.choices,
        default=FacilitationMode.ROTATING,
    )
    # Who runs the meetings (access.permissions): the facilitator for the term, and the
    # secretary too where the charter says so.
    secretary_runs_meetings = models.BooleanField(
        _("le ou la secrétaire anime aussi les réunions"),
        default=False,
        help_text=_(
            "Convoquer, ordonner l'ordre du jour, ouvrir et clore la réunion en direct, avec "
            "l'animateur·rice."
        ),
    )
    ethical_rules = models.TextField(_("règles éthiques"), default=DEFAULT_ETHICAL_RULES)
    # The rhythm of the opération miroir (the reflection app reads it); empty when the
    # charter says nothing of it, and the body sets its rhythm on the mirror's page.
    mirrors_per_year = models.PositiveSmallIntegerField(
        _("opérations miroir par an"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(12)],
    )

    class Meta(AdoptableText.Meta):
        verbose_name = _("charte de fonctionnement")
        verbose_name_plural = _("chartes de fonctionnement")

    def __str__(self) -> str:
        return f"{self.body} · charte v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("governance:charter_version", args=[self.pk])

    @property
    def rhythm(self) -> str:
        """The recurrence in French words: « le 2e mardi de chaque mois »."""
        return describe(self.recurrence)


# --- Reference framework ---------------------------------------------------------------


class Authority(models.TextChoices):
    """What a body may do on an object of its framework, from least to most."""

    INFORMATION = "information", _("information")
    OPINION = "avis", _("avis")
    PROPOSAL = "proposition", _("proposition")
    DECISION = "decision", _("décision")


AUTHORITY_RANK = {
    Authority.INFORMATION: 0,
    Authority.OPINION: 1,
    Authority.PROPOSAL: 2,
    Authority.DECISION: 3,
}


class Framework(AdoptableText):
    """One version of a body's reference framework: its missions in the four functions,
    its objects with the body's authority on each, its sources of legitimacy."""

    CONTENT_FIELDS = (
        "mission_relational",
        "mission_operational",
        "mission_organisational",
        "mission_institutional",
        "perspectives",
    )

    mission_relational = models.TextField(_("fonction relationnelle"), blank=True)
    mission_operational = models.TextField(_("fonction opérationnelle"), blank=True)
    mission_organisational = models.TextField(_("fonction organisationnelle"), blank=True)
    mission_institutional = models.TextField(_("fonction institutionnelle"), blank=True)
    perspectives = models.TextField(_("perspectives"), blank=True)

    class Meta(AdoptableText.Meta):
        verbose_name = _("cadre de référence")
        verbose_name_plural = _("cadres de référence")

    def __str__(self) -> str:
        return f"{self.body} · cadre v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("governance:framework_version", args=[self.pk])

    def check_complete(self) -> None:
        if not self.items.exists():
            raise ValidationError(
                _("Le cadre de référence doit compter au moins un objet avant d'être soumis.")
            )

    def copy_related_to(self, target: AdoptableText) -> None:
        """The objects (with their lineage, so that the register follows them across
        versions) and the sources of legitimacy."""
        assert isinstance(target, Framework)
        FrameworkObject.objects.bulk_create(
            FrameworkObject(
                framework=target,
                title=obj.title,
                kind=obj.kind,
                description=obj.description,
                authority=obj.authority,
                position=obj.position,
                lineage=obj.lineage,
            )
            for obj in self.items.all()
        )
        LegitimacySource.objects.bulk_create(
            LegitimacySource(
                framework=target,
                kind=item.kind,
                title=item.title,
                dated=item.dated,
                document_id=item.document_id,
                note=item.note,
            )
            for item in self.sources.all()
        )


class FrameworkObject(models.Model):
    """A theme or a dossier of the framework, and what the body may do on it. Objects
    are copied into each new version; `lineage` is shared by the copies of one object, so
    that the register finds the decisions taken on it under every version."""

    class Kind(models.TextChoices):
        THEME = "theme", _("thème")
        DOSSIER = "dossier", _("dossier")

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="items", verbose_name=_("cadre")
    )
    title = models.CharField(_("intitulé"), max_length=200)
    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices, default=Kind.THEME)
    description = models.TextField(_("description"), blank=True)
    authority = models.CharField(
        _("ce que l'instance peut faire"),
        max_length=12,
        choices=Authority.choices,
        default=Authority.OPINION,
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)

    class Meta:
        verbose_name = _("objet du cadre de référence")
        verbose_name_plural = _("objets du cadre de référence")
        ordering = ["framework", "position", "title"]

    def __str__(self) -> str:
        return self.title


class LegitimacySource(models.Model):
    """Where the body's legitimacy comes from: a mandate letter, a deliberation, the
    projet de territoire, the schéma de mutualisation..."""

    class Kind(models.TextChoices):
        MANDATE = "mandate", _("lettre de mission")
        DELIBERATION = "deliberation", _("délibération")
        PROJECT = "project", _("projet de territoire")
        POOLING = "pooling", _("schéma de mutualisation")
        ROLE = "role", _("le rôle lui-même")
        PEERS = "peers", _("les pairs")
        OTHER = "other", _("autre")

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="sources", verbose_name=_("cadre")
    )
    kind = models.CharField(_("nature"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("intitulé"), max_length=200)
    dated = models.DateField(_("date"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    note = models.TextField(_("précisions"), blank=True)

    class Meta:
        verbose_name = _("source de légitimité")
        verbose_name_plural = _("sources de légitimité")
        ordering = ["framework", "dated", "pk"]

    def __str__(self) -> str:
        return self.title
