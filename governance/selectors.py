"""Reads of the governance pages. Every charter and framework version is reached
through these helpers, scoped to the bodies the user may see (bodies.selectors.bodies_for):
outsiders get 404. The versions themselves (latest, draft, in force, history) are read
through governance/versions.py, the same for both texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from access.scopes import bodies_for, in_visible_bodies
from accounts.models import Person
from bodies.models import Body
from governance.models import Authority, Charter, Framework, FrameworkObject, LegitimacySource
from governance.versions import version_in_force

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def get_charter_for_user(user: Person, pk: int) -> Charter:
    return get_object_or_404(
        Charter.objects.filter(body__in=bodies_for(user)).select_related("body__territory"),
        pk=pk,
    )


def current_charter(body: Body) -> Charter | None:
    """The charter in force: the latest adopted version, or None."""
    return version_in_force(Charter, body)


def current_framework(body: Body) -> Framework | None:
    """The framework in force: the latest adopted version, or None."""
    return version_in_force(Framework, body)


def objects_of(framework: Framework) -> QuerySet[FrameworkObject]:
    return FrameworkObject.objects.filter(framework=framework)


def current_objects(body: Body) -> QuerySet[FrameworkObject]:
    """The objects of the body's framework in force: the ones a proposal is filed on."""
    framework = current_framework(body)
    if framework is None:
        return FrameworkObject.objects.none()
    return objects_of(framework).order_by("position", "title")


def sources_of(framework: Framework) -> QuerySet[LegitimacySource]:
    return framework.sources.select_related("document").order_by("dated", "pk")


# What each authority level means, in plain French, for the framework page.
AUTHORITY_EXPLANATIONS: dict[str, StrOrPromise] = {
    Authority.DECISION: _(
        "Sur ces objets, l'instance décide : ses décisions s'appliquent aux organisations "
        "qui la composent, dans le respect des compétences de chacune."
    ),
    Authority.PROPOSAL: _(
        "Sur ces objets, l'instance fait des propositions : elle prépare et propose, les élus "
        "ou l'organisation compétente décident."
    ),
    Authority.OPINION: _(
        "Sur ces objets, l'instance rend un avis : elle ne décide pas. L'avis éclaire ceux "
        "qui décident."
    ),
    Authority.INFORMATION: _(
        "Sur ces objets, l'instance s'informe : chacun partage ce qui se passe chez lui, "
        "sans avis ni décision."
    ),
}

# The four functions of the vademecum (2018), what each one means, for the help texts.
MISSION_FIELDS: tuple[tuple[str, StrOrPromise, StrOrPromise], ...] = (
    (
        "mission_relational",
        _("Fonction relationnelle"),
        _(
            "Se connaître mutuellement, sortir de l'isolement, être un collectif de ressources "
            "mutuelles, décloisonner."
        ),
    ),
    (
        "mission_operational",
        _("Fonction opérationnelle"),
        _(
            "S'informer, préparer les décisions et les dossiers, sécuriser et coordonner "
            "l'action, porter des projets communs."
        ),
    ),
    (
        "mission_organisational",
        _("Fonction organisationnelle"),
        _(
            "Piloter le schéma de mutualisation, harmoniser les pratiques et les outils, "
            "diffuser de nouvelles méthodes, construire des réseaux."
        ),
    ),
    (
        "mission_institutional",
        _("Fonction institutionnelle"),
        _(
            "Construire une légitimité de territoire, consolider l'expertise du bloc local, "
            "assister les élus, développer les liens extérieurs."
        ),
    ),
)


def framework_versions_for(user: Person) -> QuerySet[Framework]:
    return in_visible_bodies(Framework.objects.all(), user)


def get_framework_version_for_user(user: Person, pk: int) -> Framework:
    """One version of a framework of the bodies the user may see; 404 otherwise."""
    return get_object_or_404(framework_versions_for(user).select_related("body__territory"), pk=pk)


def get_framework_object_for_user(user: Person, pk: int) -> FrameworkObject:
    return get_object_or_404(
        FrameworkObject.objects.filter(framework__in=framework_versions_for(user)).select_related(
            "framework__body__territory"
        ),
        pk=pk,
    )


def get_source_for_user(user: Person, pk: int) -> LegitimacySource:
    return get_object_or_404(
        LegitimacySource.objects.filter(framework__in=framework_versions_for(user)).select_related(
            "framework__body__territory", "document"
        ),
        pk=pk,
    )


@dataclass
class AuthorityGroup:
    authority: str
    label: StrOrPromise
    explanation: StrOrPromise
    objects: list[FrameworkObject] = field(default_factory=list)


def objects_by_authority(framework: Framework) -> list[AuthorityGroup]:
    """The version's objects grouped by authority, from décision down to information
    (empty groups left out). One query."""
    objects = list(objects_of(framework).order_by("position", "title"))
    groups = {
        authority: AuthorityGroup(
            authority=authority,
            label=Authority(authority).label,
            explanation=AUTHORITY_EXPLANATIONS[authority],
        )
        for authority in reversed(Authority.values)
    }
    for obj in objects:
        groups[obj.authority].objects.append(obj)
    return [group for group in groups.values() if group.objects]


def secretary_runs_meetings(body: Body) -> bool:
    """The charter in force lets the body's secretary run the meetings with the
    facilitator (told to access at start-up: governance/apps.py)."""
    charter = current_charter(body)
    return charter is not None and charter.secretary_runs_meetings
