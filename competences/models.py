"""Who answers what (qui répond à quoi): the competences of a territory, who exercises
each one in each commune (dated rows, so that a transfer is history), the services
communs of the schéma de mutualisation, the pacte de gouvernance, and the users' life
scenarios whose steps lead to a competence.

Glossary: "compétence" = a matter a commune or the EPCI is in charge of; "exercice" = who
exercises a competence for a commune from a date; "service commun" = a service shared by
the EPCI and some communes (CGCT art. L5211-4-2); "pacte de gouvernance" = the agreement
between the EPCI and its communes (CGCT art. L5211-11-2); "guichet" = the public page.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Competence(models.Model):
    """One competence in a territory's list: copied from the reference data
    (competences/data/competences.json), renamed or added by the territory."""

    class Group(models.TextChoices):
        INTERCOMMUNAL = "intercommunale", _("compétence intercommunale")
        MUNICIPAL = "communale", _("service communal")

    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.CASCADE,
        related_name="competences",
        verbose_name=_("territoire"),
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("nom"), max_length=200)
    group = models.CharField(_("nature"), max_length=20, choices=Group.choices)
    mandatory = models.BooleanField(
        _("obligatoire pour l'EPCI"),
        default=False,
        help_text=_("Compétence obligatoire pour ce type d'EPCI d'après le CGCT."),
    )
    sources = models.TextField(_("sources"), blank=True, help_text=_("Un texte par ligne."))
    keywords = models.TextField(
        _("mots-clés"),
        blank=True,
        help_text=_("Les mots d'un usager, séparés par des virgules (ex. : permis, maison)."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("ordre"), default=0)
    is_custom = models.BooleanField(_("ajoutée par le territoire"), default=False)

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "code"], name="one_competence_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def source_lines(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


class Exercise(models.Model):
    """Who exercises a competence for a commune from a date. A row without a commune is
    the territory's default ("exercée par la communauté pour toutes les communes"); a
    commune's own row overrides it. A later row replaces an earlier one: the rows are the
    history of the transfers."""

    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.CASCADE,
        related_name="exercises",
        verbose_name=_("territoire"),
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.CASCADE, related_name="exercises", verbose_name=_("compétence")
    )
    commune = models.ForeignKey(
        "territories.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competence_rows",
        verbose_name=_("commune"),
        help_text=_("Vide : valeur par défaut pour toutes les communes."),
    )
    # Empty on a default row: "chaque commune, en mairie" (each commune exercises it).
    exercised_by = models.ForeignKey(
        "territories.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exercised_competences",
        verbose_name=_("exercée par"),
    )
    since = models.DateField(_("depuis le"))
    counter = models.CharField(_("guichet (adresse)"), max_length=300, blank=True)
    hours = models.CharField(_("horaires"), max_length=200, blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    guidance = models.TextField(
        _("consigne d'orientation"),
        blank=True,
        help_text=_("Ce que le guichet dit à l'usager ; affiché sur la page publique."),
    )
    internal_note = models.TextField(
        _("note interne"), blank=True, help_text=_("Jamais affichée sur la page publique.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saisie par"),
    )
    recorded_at = models.DateTimeField(_("saisie le"), default=timezone.now)

    class Meta:
        verbose_name = _("exercice d'une compétence")
        verbose_name_plural = _("exercices des compétences")
        ordering = ["competence__order", "-since", "-pk"]
        indexes = [models.Index(fields=["territory", "commune", "since"])]

    def __str__(self) -> str:
        who = self.exercised_by or _("chaque commune")
        # A date, or the string a caller gave before the row is read back.
        since = self.since.strftime("%d/%m/%Y") if isinstance(self.since, date) else self.since
        return f"{self.competence} · {who} ({since})"

    # The fields a grid row compares to tell a change from the same values saved again.
    VALUE_FIELDS = ("exercised_by_id", "counter", "hours", "phone", "email", "website")
    TEXT_FIELDS = ("guidance", "internal_note")

    def values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in (*self.VALUE_FIELDS, *self.TEXT_FIELDS))


class TerritoryGuide(models.Model):
    """A territory's settings of this app: whether its public page is published, its
    schéma de mutualisation and its pacte de gouvernance."""

    territory = models.OneToOneField(
        "territories.Territory",
        on_delete=models.CASCADE,
        related_name="guide",
        verbose_name=_("territoire"),
    )
    published = models.BooleanField(_("page publique d'orientation publiée"), default=False)
    pact_text = models.TextField(_("pacte de gouvernance"), blank=True)
    pact_date = models.DateField(_("pacte adopté le"), null=True, blank=True)
    scheme_text = models.TextField(_("schéma de mutualisation"), blank=True)
    scheme_date = models.DateField(_("schéma adopté le"), null=True, blank=True)

    class Meta:
        verbose_name = _("orientation du territoire")
        verbose_name_plural = _("orientations des territoires")

    def __str__(self) -> str:
        return str(self.territory)


class SharedService(models.Model):
    """A service commun of the schéma de mutualisation: an organisation of the territory
    (kind "service commun"), the communes that take part and its agreement."""

    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.CASCADE,
        related_name="shared_services",
        verbose_name=_("territoire"),
    )
    organisation = models.OneToOneField(
        "territories.Organisation",
        on_delete=models.CASCADE,
        related_name="shared_service",
        verbose_name=_("organisation"),
    )
    communes = models.ManyToManyField(
        "territories.Organisation",
        related_name="shared_services_joined",
        blank=True,
        verbose_name=_("communes adhérentes"),
    )
    description = models.TextField(_("missions"), blank=True)
    agreement_start = models.DateField(_("convention du"), null=True, blank=True)
    agreement_end = models.DateField(_("convention jusqu'au"), null=True, blank=True)

    class Meta:
        verbose_name = _("service commun")
        verbose_name_plural = _("services communs")
        ordering = ["organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement_end__isnull=True)
                | Q(agreement_start__isnull=True)
                | Q(agreement_end__gte=models.F("agreement_start")),
                name="shared_service_agreement_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


def shared_service_path(instance: SharedServiceDocument, filename: str) -> str:
    return f"competences/{instance.shared_service.territory_id}/{filename}"


class SharedServiceDocument(models.Model):
    """A document of a service commun's agreement (convention, avenant), checked on upload
    as the documents app checks its files (documents.files.check_upload)."""

    shared_service = models.ForeignKey(
        SharedService,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("service commun"),
    )
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(_("fichier"), upload_to=shared_service_path, max_length=300)
    original_name = models.CharField(_("nom d'origine"), max_length=255)
    mime_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("taille"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("déposé par"),
    )
    uploaded_at = models.DateTimeField(_("déposé le"), default=timezone.now)

    class Meta:
        verbose_name = _("document d'un service commun")
        verbose_name_plural = _("documents des services communs")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("competences:shared_service_document", args=[self.pk])


class Scenario(models.Model):
    """A user's life scenario ("j'emménage"): a list of steps, each tied to a competence."""

    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.CASCADE,
        related_name="scenarios",
        verbose_name=_("territoire"),
    )
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("parcours d'usager")
        verbose_name_plural = _("parcours d'usagers")
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "code"], name="one_scenario_code"),
        ]

    def __str__(self) -> str:
        return self.title


class ScenarioStep(models.Model):
    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="steps", verbose_name=_("parcours")
    )
    order = models.PositiveIntegerField(_("ordre"), default=0)
    title = models.CharField(_("étape"), max_length=200)
    competence = models.ForeignKey(
        Competence,
        on_delete=models.CASCADE,
        related_name="scenario_steps",
        verbose_name=_("compétence"),
    )

    class Meta:
        verbose_name = _("étape d'un parcours")
        verbose_name_plural = _("étapes des parcours")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title
