"""Bodies (instances) of the bloc local and who sits in them, in which capacity."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.signals import BulkSignalQuerySet
from core.tokens import new_calendar_token


class Body(models.Model):
    """A codir, a technical committee, a working group, a network, an elected body..."""

    class Kind(models.TextChoices):
        STRATEGIC_CODIR = "codir_strategique", _("codir stratégique (conférence des DGS)")
        TECHNICAL_COMMITTEE = "comite_technique", _("comité technique territorialisé")
        WORKING_GROUP = "groupe_travail", _("groupe de travail")
        PROFESSIONAL_NETWORK = "reseau_metier", _("réseau métier")
        MAYORS_CONFERENCE = "conference_maires", _("conférence des maires")
        COMMUNITY_BUREAU = "bureau_communautaire", _("bureau communautaire")
        EXTERNAL = "externe", _("instance extérieure")

    class Stratum(models.TextChoices):
        STRATEGIC = "strategique", _("stratégique")
        OPERATIONAL = "operationnelle", _("opérationnelle")
        ELECTED = "politique", _("politique")
        OTHER = "autre", _("autre")

    class Circle(models.IntegerChoices):
        CODIR = 1, _("1er cercle : le codir")
        BLOC_LOCAL = 2, _("2e cercle : les autres acteurs du bloc local")
        EXTERNAL = 3, _("3e cercle : les acteurs extérieurs")

    DEFAULT_STRATUM = {
        Kind.STRATEGIC_CODIR: Stratum.STRATEGIC,
        Kind.TECHNICAL_COMMITTEE: Stratum.OPERATIONAL,
        Kind.WORKING_GROUP: Stratum.OPERATIONAL,
        Kind.PROFESSIONAL_NETWORK: Stratum.OPERATIONAL,
        Kind.MAYORS_CONFERENCE: Stratum.ELECTED,
        Kind.COMMUNITY_BUREAU: Stratum.ELECTED,
        Kind.EXTERNAL: Stratum.OTHER,
    }

    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.CASCADE,
        related_name="bodies",
        verbose_name=_("territoire"),
    )
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("nature"), max_length=30, choices=Kind.choices)
    stratum = models.CharField(_("strate"), max_length=20, choices=Stratum.choices)
    circle = models.PositiveSmallIntegerField(_("cercle"), choices=Circle.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("instance parente"),
    )
    description = models.TextField(_("raison d'être"), blank=True)
    created_on = models.DateField(_("constituée le"), default=date.today)
    archived_on = models.DateField(_("dissoute le"), null=True, blank=True)
    # Secret of the body's calendar feed; renewable by its administrators.
    calendar_token = models.CharField(max_length=64, default=new_calendar_token, editable=False)

    class Meta:
        verbose_name = _("instance")
        verbose_name_plural = _("instances")
        ordering = ["circle", "name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "name"], name="unique_body_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("bodies:detail", args=[self.pk])


def current_on(prefix: str = "", on: date | None = None) -> Q:
    """A membership (reached through `prefix`, e.g. "memberships__") that has started and
    not ended on a day (today by default): the one definition of a current seat."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


class MembershipQuerySet(BulkSignalQuerySet["BodyMembership"]):
    """Bulk writes signal themselves (core.signals): access caches who sits where."""

    def current(self, on: date | None = None) -> MembershipQuerySet:
        return self.filter(current_on(on=on))

    def past(self, on: date | None = None) -> MembershipQuerySet:
        return self.filter(end_date__lt=on or timezone.localdate())


class BodyMembership(models.Model):
    """A person sits in a body, in a capacity ("à quel titre"), with a role, for a time."""

    class Role(models.TextChoices):
        MEMBER = "member", _("membre")
        FACILITATOR = "facilitator", _("animateur·rice")
        SECRETARY = "secretary", _("secrétaire de séance")
        DELEGATE = "delegate", _("délégué·e")
        GUEST = "guest", _("invité·e")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("instance")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="body_memberships",
        verbose_name=_("personne"),
    )
    position = models.ForeignKey(
        "territories.Position",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="body_memberships",
        verbose_name=_("au titre de la fonction"),
    )
    capacity = models.CharField(
        _("à quel titre"),
        max_length=200,
        blank=True,
        help_text=_("Précisez si la personne ne siège pas au titre d'une de ses fonctions."),
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("depuis le"), default=date.today)
    end_date = models.DateField(_("jusqu'au"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation à une instance")
        verbose_name_plural = _("participations aux instances")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.body} ({self.get_role_display()})"

    @property
    def capacity_label(self) -> str:
        if self.capacity:
            return self.capacity
        if self.position_id:
            return str(self.position)
        return ""

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)

    @property
    def is_guest(self) -> bool:
        return self.role == self.Role.GUEST
