"""The register of a body (relevé de décisions): its entries, numbered per body and
year, never edited once recorded."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Func, Q
from django.db.models.signals import m2m_changed
from django.db.models.sql.compiler import SQLCompiler
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.models.proposals import Process, Proposal

DECISION_IMMUTABLE = _(
    "Une décision enregistrée ne se modifie pas : une nouvelle décision la modifie ou la remplace."
)
DECISION_UNDELETABLE = _(
    "Une décision enregistrée ne se supprime pas : une nouvelle décision la modifie ou la remplace."
)


SEARCH_CONFIG = "french"


class FrenchSearchVector(Func):
    """The French full-text vector of a text column, as PostgreSQL stores it in a
    generated column; SQLite has no full-text type and stores nothing (its fallback
    search reads `search_text`)."""

    output_field = SearchVectorField()

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, list[Any]]:
        return "NULL", []

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.source_expressions[0])
        # A literal configuration (not a parameter): the expression of a generated
        # column must be immutable, and to_tsvector is with an explicit regconfig.
        return f"to_tsvector('{SEARCH_CONFIG}'::regconfig, COALESCE({column}, ''))", list(params)


class DecisionQuerySet(models.QuerySet["Decision"]):
    """Refuses the bulk writes that would bypass Decision.save(): the register is never
    edited nor emptied through the ORM. Cascades still work: Django's deletion collector
    (a body deleted with its register) goes through the base manager and raw SQL, never
    through this QuerySet's delete()."""

    def update(self, **kwargs: Any) -> int:
        raise ValidationError(DECISION_IMMUTABLE)

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        # Refused here rather than in update(), which bulk_update calls inside an atomic
        # block: the caller's transaction stays usable.
        raise ValidationError(DECISION_IMMUTABLE)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValidationError(DECISION_UNDELETABLE)


class Decision(models.Model):
    """An entry of the body's register (relevé de décisions), numbered per body and year
    (2026-014). Its `kind` is what the body's authority on the object allows: on an
    object where the body only gives an opinion, the entry is an avis, never a décision
    (`authority_note` says why). Never edited once recorded."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("décision")
        PROPOSAL = "proposition", _("proposition")
        OPINION = "avis", _("avis")
        INFORMATION = "information", _("information")

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("instance"),
    )
    year = models.PositiveSmallIntegerField(_("année"))
    sequence = models.PositiveIntegerField(_("numéro d'ordre"))
    kind = models.CharField(_("nature"), max_length=12, choices=Kind.choices)
    process = models.CharField(_("processus"), max_length=12, choices=Process.choices)
    title = models.CharField(_("intitulé"), max_length=200)
    text = models.TextField(_("texte"))
    decided_on = models.DateField(_("date"))
    proposal = models.OneToOneField(
        Proposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision",
        verbose_name=_("proposition"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("réunion"),
    )
    item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("point de l'ordre du jour"),
    )
    object = models.ForeignKey(
        "governance.FrameworkObject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("objet du cadre de référence"),
    )
    documents = models.ManyToManyField(
        "documents.Document", blank=True, related_name="decisions", verbose_name=_("documents")
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="decisions_taken",
        verbose_name=_("ont pris part"),
    )
    review_on = models.DateField(_("à revoir le"), null=True, blank=True)
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amended_by",
        verbose_name=_("modifie"),
    )
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("remplace"),
    )
    authority_note = models.TextField(_("pourquoi cette nature"), blank=True)
    # Title, text, reference and object without accents, lower case: what the French
    # search reads (PostgreSQL full-text with the french configuration; SQLite fallback).
    search_text = models.TextField(editable=False, blank=True)
    # Its French full-text vector, computed by PostgreSQL when the row is written and
    # indexed with GIN (migration 0008), so that a search never recomputes it per row.
    search_vector = models.GeneratedField(
        expression=FrenchSearchVector("search_text"),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        editable=False,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enregistrée par"),
    )
    recorded_at = models.DateTimeField(_("enregistrée le"), default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("décision")
        verbose_name_plural = _("relevé de décisions")
        ordering = ["-year", "-sequence"]
        indexes = [
            # The register's page: each visible body's decisions in the register's order,
            # read from the index alone (issue 9: PostgreSQL fetched every decision's row
            # of the busiest territory, 4,200, to keep 25).
            models.Index(
                fields=["body", "-decided_on", "-year", "-sequence", "-id"],
                name="decision_register_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "sequence"], name="one_decision_number"
            ),
            models.CheckConstraint(
                condition=Q(amends__isnull=True) | Q(supersedes__isnull=True),
                name="decision_amends_or_supersedes",
            ),
            # A decision has at most one successor; the service checks it under the
            # body's lock, this is the last guard.
            models.UniqueConstraint(
                fields=["supersedes"],
                condition=Q(supersedes__isnull=False),
                name="one_successor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(DECISION_IMMUTABLE)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision", args=[self.pk])

    def delete(
        self, using: str | None = None, keep_parents: bool = False
    ) -> tuple[int, dict[str, int]]:
        raise ValidationError(DECISION_UNDELETABLE)

    @property
    def reference(self) -> str:
        return f"{self.year}-{self.sequence:03d}"


@receiver(m2m_changed, sender=Decision.participants.through)
@receiver(m2m_changed, sender=Decision.documents.through)
def refuse_changes_to_recorded_links(action: str, pk_set: set[int] | None, **kwargs: Any) -> None:
    """Who took part and which documents are part of the entry, once recorded. Through
    the relation managers (either side) nothing changes; decision_record writes the
    participants' rows once, directly in the through table (bulk_create sends no
    m2m_changed), in the transaction that creates the entry. Cascades (a person or a
    document deleted) go through the deletion collector, which sends no m2m_changed
    either. The relation managers send the signal inside an atomic block: the refusal
    marks the caller's transaction for rollback (this is a programming error, not a user
    action)."""
    if action == "pre_clear" or (action in ("pre_add", "pre_remove") and pk_set):
        raise ValidationError(DECISION_IMMUTABLE)
