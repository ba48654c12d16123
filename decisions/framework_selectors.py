"""Reads for the reference framework (cadre de référence): its versions, the draft, the
proposal that carries a draft to consent, the objects grouped by authority, and the
decisions taken on each object. Every framework is loaded through
decisions.selectors.get_framework_for_user; objects and sources through the helpers
below, scoped the same way (outsiders get 404)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from bodies.models import Body
from bodies.selectors import bodies_for
from decisions.models import Decision, Proposal
from decisions.selectors import current_framework
from governance.models import Authority, Charter, Framework, FrameworkObject, LegitimacySource

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def objects_of(framework: Framework) -> QuerySet[FrameworkObject]:
    return FrameworkObject.objects.filter(framework=framework)


# Phases after which a proposal no longer holds its subject: the draft is editable again
# (withdrawn, rejected) or adopted for good.
CLOSED_PHASES = (Proposal.Phase.ADOPTED, Proposal.Phase.REJECTED, Proposal.Phase.WITHDRAWN)

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
    return Framework.objects.filter(body__in=bodies_for(user))


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


def framework_versions(body: Body) -> list[Framework]:
    """Every version of the body's framework, newest first."""
    return list(Framework.objects.filter(body=body).order_by("-version"))


def latest_framework(body: Body) -> Framework | None:
    """The newest version, adopted or draft: the one a new version starts from."""
    return Framework.objects.filter(body=body).order_by("-version").first()


def current_framework_version(body: Body) -> Framework | None:
    """The latest adopted version: the framework in force."""
    return current_framework(body)


def draft_framework(body: Body) -> Framework | None:
    latest = latest_framework(body)
    return latest if latest is not None and not latest.is_adopted else None


def previous_adopted(framework: Framework) -> Framework | None:
    """The adopted version before this one: what a draft changes."""
    return (
        Framework.objects.filter(
            body_id=framework.body_id, version__lt=framework.version, adopted_on__isnull=False
        )
        .order_by("-version")
        .first()
    )


def pending_proposal(framework: Framework) -> Proposal | None:
    """The proposal that carries this version to consent and is not closed: while it
    exists the draft is frozen."""
    return (
        Proposal.objects.filter(framework=framework)
        .exclude(phase__in=CLOSED_PHASES)
        .order_by("-created_at")
        .first()
    )


def adoption_decision(framework: Framework) -> Decision | None:
    """The register entry that adopted this version, when it was adopted by consent."""
    return Decision.objects.filter(proposal__framework=framework).order_by("pk").first()


@dataclass
class AuthorityGroup:
    authority: str
    label: StrOrPromise
    explanation: StrOrPromise
    objects: list[FrameworkObject] = field(default_factory=list)


def objects_by_authority(framework: Framework) -> list[AuthorityGroup]:
    """The version's objects grouped by authority, from décision down to information
    (empty groups left out), each object with `decision_count`: how many decisions of the
    register were taken on it under any version (its lineage). Two queries."""
    objects = list(objects_of(framework).order_by("position", "title"))
    counts = decision_counts(framework.body_id, [obj.lineage for obj in objects])
    groups = {
        authority: AuthorityGroup(
            authority=authority,
            label=Authority(authority).label,
            explanation=AUTHORITY_EXPLANATIONS[authority],
        )
        for authority in reversed(Authority.values)
    }
    for obj in objects:
        obj.decision_count = counts.get(obj.lineage, 0)  # type: ignore[attr-defined]
        groups[obj.authority].objects.append(obj)
    return [group for group in groups.values() if group.objects]


def decision_counts(body_id: int, lineages: list[UUID]) -> dict[UUID, int]:
    if not lineages:
        return {}
    rows = (
        Decision.objects.filter(body_id=body_id, object__lineage__in=lineages)
        .values("object__lineage")
        .annotate(count=Count("pk"))
    )
    return {row["object__lineage"]: row["count"] for row in rows}


def register_url(body: Body) -> str | None:
    """The body's register page, filtered by object with `?object=<lineage>`; None while
    the register pages do not exist."""
    for kwargs in ({"body_pk": body.pk}, {"pk": body.pk}):
        try:
            return reverse("decisions:body_register", kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def sources_of(framework: Framework) -> QuerySet[LegitimacySource]:
    return framework.sources.select_related("document").order_by("dated", "pk")


def framework_changes(framework: Framework) -> str:
    """A markdown summary of the version: what changed since the previous adopted
    version (the whole content for a first version). It is the text of the proposal that
    carries the version to consent."""
    previous = previous_adopted(framework)
    lines: list[str] = []
    if previous is None:
        lines.append(str(_("Première version du cadre de référence de l'instance.")))
    else:
        lines.append(
            str(_("Ce qui change par rapport à la version %(version)d, adoptée le %(date)s."))
            % {"version": previous.version, "date": _day(previous.adopted_on)}
        )
    lines += _mission_changes(framework, previous)
    lines += _object_changes(framework, previous)
    lines += _source_changes(framework, previous)
    if previous is not None and len(lines) == 1:
        lines += ["", str(_("Aucun changement de contenu."))]
    return "\n".join(lines).strip() + "\n"


def _day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _mission_changes(framework: Framework, previous: Framework | None) -> list[str]:
    lines: list[str] = []
    fields = [*MISSION_FIELDS, ("perspectives", _("Perspectives"), "")]
    for name, label, _help in fields:
        text = getattr(framework, name).strip()
        if previous is not None and getattr(previous, name).strip() == text:
            continue
        lines += ["", f"## {label}", "", text or str(_("(vide)"))]
    if previous is not None and lines:
        lines = [
            "",
            f"## {_('Missions modifiées')}",
            *(line.replace("## ", "### ") for line in lines),
        ]
    return lines


def _describe_object(obj: FrameworkObject) -> str:
    return f"{obj.title} ({obj.get_kind_display()}, {obj.get_authority_display()})"


def _object_changes(framework: Framework, previous: Framework | None) -> list[str]:
    now = {obj.lineage: obj for obj in objects_of(framework).order_by("position", "title")}
    before = (
        {obj.lineage: obj for obj in objects_of(previous).order_by("position", "title")}
        if previous
        else {}
    )
    if previous is None:
        items = [f"- {_describe_object(obj)}" for obj in now.values()]
        return ["", f"## {_('Objets')}", "", *items] if items else []
    items = []
    for lineage, obj in now.items():
        old = before.get(lineage)
        if old is None:
            items.append(f"- {_('ajouté')} : {_describe_object(obj)}")
        elif (old.title, old.kind, old.authority, old.description) != (
            obj.title,
            obj.kind,
            obj.authority,
            obj.description,
        ):
            items.append(f"- {_('modifié')} : {_describe_object(old)} → {_describe_object(obj)}")
    items += [
        f"- {_('retiré')} : {_describe_object(old)}"
        for lineage, old in before.items()
        if lineage not in now
    ]
    return ["", f"## {_('Objets')}", "", *items] if items else []


def _source_key(source: LegitimacySource) -> tuple[str, str, object]:
    return (source.kind, source.title, source.dated)


def _describe_source(source: LegitimacySource) -> str:
    dated = f", {_day(source.dated)}" if source.dated else ""
    return f"{source.title} ({source.get_kind_display()}{dated})"


def _source_changes(framework: Framework, previous: Framework | None) -> list[str]:
    now = list(framework.sources.order_by("dated", "pk"))
    if previous is None:
        items = [f"- {_describe_source(source)}" for source in now]
        return ["", f"## {_('Sources de légitimité')}", "", *items] if items else []
    before = list(previous.sources.order_by("dated", "pk"))
    before_keys = {_source_key(source) for source in before}
    now_keys = {_source_key(source) for source in now}
    items = [
        f"- {_('ajoutée')} : {_describe_source(source)}"
        for source in now
        if _source_key(source) not in before_keys
    ]
    items += [
        f"- {_('retirée')} : {_describe_source(source)}"
        for source in before
        if _source_key(source) not in now_keys
    ]
    return ["", f"## {_('Sources de légitimité')}", "", *items] if items else []


# --- The charter's adoption by consent (meetings.Charter) -------------------------------


def charter_pending_proposal(charter: Charter) -> Proposal | None:
    """The proposal that carries this charter version to consent and is not closed."""
    return (
        Proposal.objects.filter(charter=charter)
        .exclude(phase__in=CLOSED_PHASES)
        .order_by("-created_at")
        .first()
    )


def charter_adoption_decision(charter: Charter) -> Decision | None:
    """The register entry that adopted this charter version by consent, if any."""
    return Decision.objects.filter(proposal__charter=charter).order_by("pk").first()
