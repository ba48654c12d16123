"""The codir as a network among networks: the actors around it, in three circles.

Glossary: "acteur" = an actor of the territory's surroundings (another authority, a State
service such as the préfecture or the DDT, an operator of flows, an association, a
managers' network); "cercle" = how close it is (1 the codir itself, 2 the rest of the bloc
local, 3 the outside); "stratégie relationnelle" = why and how the codir works with it.
Bodies (bodies.Body) carry their own circle and dated seats; an actor's network is the
people of the territory linked to it (ActorLink), dated the same way.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bodies.models import Body


class Actor(models.Model):
    """An organisation or a collective the codir deals with, outside its own bodies."""

    class Kind(models.TextChoices):
        AUTHORITY = "collectivite", _("autre collectivité")
        STATE = "etat", _("service de l'État")
        WATER = "eau", _("opérateur de flux : eau et rivières")
        MOBILITY = "mobilite", _("opérateur de flux : mobilité")
        DIGITAL = "numerique", _("opérateur de flux : numérique")
        ASSOCIATION = "association", _("association")
        MANAGERS = "reseau_cadres", _("réseau de cadres et de dirigeants")
        OTHER = "autre", _("autre acteur")

    Circle = Body.Circle

    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.CASCADE,
        related_name="actors",
        verbose_name=_("territoire"),
    )
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices)
    circle = models.PositiveSmallIntegerField(
        _("cercle"), choices=Body.Circle.choices, default=Body.Circle.EXTERNAL
    )
    description = models.TextField(_("présentation"), blank=True)
    website = models.URLField(_("site internet"), blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        ordering = ["circle", "name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "name"], name="unique_actor_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:actor_detail", args=[self.pk])


class ActorContact(models.Model):
    """Someone to reach at the actor: not necessarily a user of the platform."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("acteur")
    )
    name = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("fonction"), max_length=200, blank=True)
    email = models.EmailField(_("adresse électronique"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


def link_current_on(on: date, prefix: str = "") -> Q:
    """A link (reached through `prefix`) that has started and not ended on a day."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


class ActorLink(models.Model):
    """A person of the territory sits in an actor's network, in a role, for a time
    (delegate to the river syndicate, member of the managers' network...)."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="links", verbose_name=_("acteur")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="actor_links",
        verbose_name=_("personne"),
    )
    role = models.CharField(_("rôle"), max_length=200, blank=True)
    start_date = models.DateField(_("depuis le"), default=date.today)
    end_date = models.DateField(_("jusqu'au"), null=True, blank=True)

    class Meta:
        verbose_name = _("lien avec un acteur")
        verbose_name_plural = _("liens avec les acteurs")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="actor_link_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.actor}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


class Strategy(models.Model):
    """Why the codir works with an actor, what each side expects, who carries the
    relation on our side and what comes next."""

    actor = models.OneToOneField(
        Actor, on_delete=models.CASCADE, related_name="strategy", verbose_name=_("acteur")
    )
    purpose = models.TextField(_("raison d'être de la relation"), blank=True)
    we_expect = models.TextField(_("ce que nous attendons de l'acteur"), blank=True)
    they_expect = models.TextField(_("ce que l'acteur attend de nous"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actor_strategies",
        verbose_name=_("porteur de la relation"),
    )
    next_step = models.CharField(_("prochaine étape"), max_length=200, blank=True)
    next_step_on = models.DateField(_("date de la prochaine étape"), null=True, blank=True)
    updated_at = models.DateTimeField(_("mise à jour le"), default=timezone.now)

    class Meta:
        verbose_name = _("stratégie relationnelle")
        verbose_name_plural = _("stratégies relationnelles")

    def __str__(self) -> str:
        return f"{self.actor}"


class Exchange(models.Model):
    """One contact with the actor: when, who took part, what was said."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="exchanges", verbose_name=_("acteur")
    )
    on = models.DateField(_("le"), default=date.today)
    participants = models.CharField(_("qui"), max_length=300)
    summary = models.TextField(_("ce qui s'est dit"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("noté par"),
    )
    created_at = models.DateTimeField(_("noté le"), default=timezone.now)

    class Meta:
        verbose_name = _("échange")
        verbose_name_plural = _("échanges")
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.actor} · {self.on}"
