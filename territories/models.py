"""The bloc local: a territory, its organisations, and the positions people hold in them.

Glossary of French words kept in identifiers:
- epci: établissement public de coopération intercommunale, the intercommunality;
- insee_code: the code officiel géographique of a commune;
- siren: the national identifier of a legal entity;
- dgs: directeur/directrice général·e des services.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.signals import BulkSignalQuerySet


class Territory(models.Model):
    """One EPCI and its member communes, created from the official data."""

    class EpciType(models.TextChoices):
        CC = "CC", _("communauté de communes")
        CA = "CA", _("communauté d'agglomération")
        CU = "CU", _("communauté urbaine")
        METRO = "METRO", _("métropole")
        MET69 = "MET69", _("métropole de Lyon")

    name = models.CharField(_("nom"), max_length=200)
    siren = models.CharField(_("SIREN de l'EPCI"), max_length=9, unique=True)
    epci_type = models.CharField(_("type d'EPCI"), max_length=5, choices=EpciType.choices)
    data_source = models.CharField(_("source des données"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("dernière mise à jour officielle"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("territories:detail", args=[self.pk])


class TerritoryMember(models.Model):
    """Access to a territory: its members see its organisations and directory."""

    class Role(models.TextChoices):
        MEMBER = "member", _("membre")
        ADMIN = "admin", _("administrateur du territoire")

    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="members", verbose_name=_("territoire")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="territory_memberships",
        verbose_name=_("personne"),
    )
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("depuis le"), default=date.today)

    # Bulk writes signal themselves (core.signals): access caches who administers what.
    objects = BulkSignalQuerySet["TerritoryMember"].as_manager()

    class Meta:
        verbose_name = _("membre du territoire")
        verbose_name_plural = _("membres du territoire")
        constraints = [
            models.UniqueConstraint(fields=["territory", "person"], name="one_access_per_territory")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.territory} ({self.get_role_display()})"


class SizeClass(models.TextChoices):
    """Population strata, as the Association des maires de France groups communes."""

    UNDER_500 = "a", _("moins de 500 habitants")
    UNDER_2000 = "b", _("500 à 1 999 habitants")
    UNDER_5000 = "c", _("2 000 à 4 999 habitants")
    UNDER_10000 = "d", _("5 000 à 9 999 habitants")
    UNDER_50000 = "e", _("10 000 à 49 999 habitants")
    OVER_50000 = "f", _("50 000 habitants et plus")
    UNKNOWN = "z", _("population non renseignée")


SIZE_CLASS_FLOORS: list[tuple[int, SizeClass]] = [
    (50000, SizeClass.OVER_50000),
    (10000, SizeClass.UNDER_50000),
    (5000, SizeClass.UNDER_10000),
    (2000, SizeClass.UNDER_5000),
    (500, SizeClass.UNDER_2000),
    (0, SizeClass.UNDER_500),
]


def size_class_for(population: int | None) -> SizeClass:
    if population is None:
        return SizeClass.UNKNOWN
    return next(size for floor, size in SIZE_CLASS_FLOORS if population >= floor)


class Organisation(models.Model):
    """A commune, the EPCI, a syndicat, a service commun or an external partner."""

    class Kind(models.TextChoices):
        EPCI = "epci", _("intercommunalité")
        COMMUNE = "commune", _("commune")
        DELEGATED_COMMUNE = "commune_deleguee", _("commune déléguée")
        SYNDICATE = "syndicat", _("syndicat")
        SHARED_SERVICE = "service_commun", _("service commun")
        PARTNER = "partenaire", _("partenaire extérieur")

    OFFICIAL_KINDS = (Kind.EPCI, Kind.COMMUNE, Kind.DELEGATED_COMMUNE)

    territory = models.ForeignKey(
        Territory,
        on_delete=models.CASCADE,
        related_name="organisations",
        verbose_name=_("territoire"),
    )
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("nom"), max_length=200)
    insee_code = models.CharField(_("code INSEE"), max_length=5, blank=True)
    # A commune déléguée chef-lieu shares its INSEE code with its commune nouvelle, which
    # holds it in insee_code (unique per territory): its own code is kept here only.
    official_code = models.CharField(
        _("code officiel géographique"),
        max_length=5,
        blank=True,
        editable=False,
        help_text=_(
            "Le code de la commune ou de la commune déléguée dans les données officielles, "
            "même s'il est partagé avec sa commune nouvelle."
        ),
    )
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    population = models.PositiveIntegerField(_("population légale"), null=True, blank=True)
    departement = models.CharField(_("département"), max_length=3, blank=True)
    region = models.CharField(_("région"), max_length=2, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("rattachée à"),
        help_text=_("La commune nouvelle d'une commune déléguée, l'EPCI d'un service commun."),
    )
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    is_official = models.BooleanField(
        _("issue des données officielles"), default=False, editable=False
    )
    ended_on = models.DateField(
        _("ne fait plus partie du territoire depuis le"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "insee_code"],
                condition=~Q(insee_code=""),
                name="one_organisation_per_insee_code",
            ),
        ]
        indexes = [models.Index(fields=["territory", "kind"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("territories:organisation_detail", args=[self.pk])

    @property
    def size_class(self) -> SizeClass:
        return size_class_for(self.population)

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class PositionQuerySet(models.QuerySet["Position"]):
    def current(self, on: date | None = None) -> PositionQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on) | Q(start_date__isnull=True)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )

    def past(self, on: date | None = None) -> PositionQuerySet:
        return self.filter(end_date__lt=on or timezone.localdate())


class Position(models.Model):
    """A person's function in an organisation, dated: one person holds several."""

    class Function(models.TextChoices):
        DGS = "dgs", _("directeur·rice général·e des services")
        DGA = "dga", _("directeur·rice général·e adjoint·e")
        SECRETARY = "secretaire_mairie", _("secrétaire de mairie")
        SHARED_SERVICE_HEAD = "responsable_service_commun", _("responsable de service commun")
        HEAD_OF_DEPARTMENT = "chef_service", _("responsable de service")
        ASSISTANT = "assistant", _("assistant·e de direction")
        ELECTED = "elu", _("élu·e")
        EXPERT = "expert", _("expert·e")
        OTHER = "autre", _("autre fonction")

    # Functions that lead an administration and so sit in the codir by right.
    LEADING_FUNCTIONS = (Function.DGS, Function.SECRETARY)

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=_("personne"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=_("organisation"),
    )
    function = models.CharField(_("fonction"), max_length=40, choices=Function.choices)
    title = models.CharField(
        _("intitulé"),
        max_length=200,
        blank=True,
        help_text=_("L'intitulé exact, s'il diffère de la fonction (ex. : DGS mutualisé)."),
    )
    start_date = models.DateField(_("depuis le"), null=True, blank=True)
    end_date = models.DateField(_("jusqu'au"), null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("fonction")
        verbose_name_plural = _("fonctions")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="position_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} · {self.organisation}"

    @property
    def label(self) -> str:
        return self.title or str(self.get_function_display())

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        started = self.start_date is None or self.start_date <= today
        return started and (self.end_date is None or self.end_date >= today)
