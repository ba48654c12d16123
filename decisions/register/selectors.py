"""Reads of the register (relevé de décisions): the entries a user may see, their status
(computed, never stored), the French search, the filters, and what a decision's page
shows.

Status of an entry, first that applies: « remplacée » when a later decision supersedes
it, « modifiée » when a later decision amends it, « à revoir » when its review date has
come, otherwise « en vigueur »."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, TextChoices, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.scopes import bodies_for
from accounts.models import Person
from bodies.models import Body
from core.text import fold
from decisions.models import Amendment, Decision, Objection, ProposalVersion
from decisions.models.register import SEARCH_CONFIG
from decisions.selectors import decisions_for
from documents.models import Document
from governance.models import FrameworkObject
from territories.models import Organisation, Position, Territory


class Status(TextChoices):
    IN_FORCE = "en_vigueur", _("en vigueur")
    AMENDED = "modifiee", _("modifiée")
    SUPERSEDED = "remplacee", _("remplacée")
    TO_REVIEW = "a_revoir", _("à revoir")


@dataclass(frozen=True)
class RegisterFilters:
    """What the register page asks for; empty values filter nothing."""

    query: str = ""
    lineage: uuid.UUID | None = None
    body: Body | None = None
    organisation: Organisation | None = None
    start: date | None = None
    end: date | None = None
    status: str = ""
    kind: str = ""


# --- Scope -------------------------------------------------------------------------------


def territory_decisions(user: Person, territory: Territory) -> QuerySet[Decision]:
    """Every entry of the bodies of the territory that the user may see."""
    return decisions_for(user).filter(body__territory=territory)


def register_bodies(user: Person, territory: Territory) -> QuerySet[Body]:
    return bodies_for(user).filter(territory=territory).order_by("circle", "name")


# --- Status ------------------------------------------------------------------------------


def with_status(decisions: QuerySet[Decision], today: date | None = None) -> QuerySet[Decision]:
    """Annotate `is_amended`, `is_superseded` and `status` (a Status value), computed by
    two EXISTS subqueries in the same query."""
    today = today or timezone.localdate()
    return decisions.annotate(
        is_amended=Exists(Decision.objects.filter(amends=OuterRef("pk"))),
        is_superseded=Exists(Decision.objects.filter(supersedes=OuterRef("pk"))),
    ).annotate(
        status=Case(
            When(is_superseded=True, then=Value(Status.SUPERSEDED.value)),
            When(is_amended=True, then=Value(Status.AMENDED.value)),
            When(review_on__lte=today, then=Value(Status.TO_REVIEW.value)),
            default=Value(Status.IN_FORCE.value),
        )
    )


def statuses_of(decisions: QuerySet[Decision], today: date | None = None) -> dict[int, str]:
    """The status of each entry, by primary key. One query."""
    rows = with_status(decisions, today).only("pk")
    return {row.pk: str(getattr(row, "status")) for row in rows}  # noqa: B009 (annotation)


def status_of(
    decision: Decision,
    amended_by: list[Decision],
    superseded_by: list[Decision],
    today: date | None = None,
) -> str:
    """One entry's status when the entries amending and superseding it are at hand (its
    page reads them anyway): the same rule, in the same order, as with_status."""
    today = today or timezone.localdate()
    if superseded_by:
        return Status.SUPERSEDED.value
    if amended_by:
        return Status.AMENDED.value
    if decision.review_on is not None and decision.review_on <= today:
        return Status.TO_REVIEW.value
    return Status.IN_FORCE.value


def status_label(status: str) -> str:
    return str(Status(status).label)


# --- Search ------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def fallback_terms(query: str) -> list[str]:
    """The words of a query as the SQLite fallback matches them: folded, and without a
    French plural ending (s, x), so that « communes » finds « commune » and « achat »
    finds « achats » as a substring."""
    terms = []
    for word in _WORD.findall(fold(query)):
        if len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        terms.append(word)
    return terms


def search(decisions: QuerySet[Decision], query: str) -> QuerySet[Decision]:
    """Entries matching the query in French, best first on PostgreSQL (full-text search,
    french configuration, on the stored vector of the folded `search_text`, which the GIN
    index of migration 0008 serves); on SQLite, every word must appear in `search_text`."""
    if not _WORD.search(fold(query)):
        return decisions  # nothing to look for: punctuation only, or empty
    if connections[decisions.db].vendor == "postgresql":
        search_query = SearchQuery(fold(query), config=SEARCH_CONFIG, search_type="websearch")
        return (
            decisions.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "-decided_on", "-year", "-sequence")
        )
    condition = Q()
    for term in fallback_terms(query):
        condition &= Q(search_text__contains=term)
    return decisions.filter(condition)


# --- Filters -----------------------------------------------------------------------------


def held_a_position_in(organisation: Organisation) -> Exists:
    """A participant of the decision held a function in the organisation on the day it
    was taken (the capacity in which people took part, as the register records it)."""
    positions = Position.objects.filter(
        organisation=organisation,
        person__decisions_taken=OuterRef("pk"),
    ).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=OuterRef("decided_on")),
        Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("decided_on")),
    )
    return Exists(positions)


def concerns(organisation: Organisation) -> Exists | Q:
    """The decisions an organisation took part in (a participant held a function in it
    on the day) or, with the follow-up app, whose actions or implementation rows it
    carries."""
    took_part = held_a_position_in(organisation)
    if not apps.is_installed("followup"):
        return took_part
    carried = Decision.objects.filter(pk=OuterRef("pk")).filter(
        Q(actions__organisation=organisation) | Q(implementations__organisation=organisation)
    )
    return took_part | Exists(carried)


def register_entries(
    decisions: QuerySet[Decision], filters: RegisterFilters, today: date | None = None
) -> QuerySet[Decision]:
    """The register's rows: filtered, searched, with their status and what a row shows
    (body, object, the entries they amend or supersede), in one query."""
    rows = with_status(decisions, today).select_related("body", "object", "amends", "supersedes")
    if filters.lineage is not None:
        rows = rows.filter(object__lineage=filters.lineage)
    if filters.body is not None:
        rows = rows.filter(body=filters.body)
    if filters.organisation is not None:
        rows = rows.filter(concerns(filters.organisation))
    if filters.start is not None:
        rows = rows.filter(decided_on__gte=filters.start)
    if filters.end is not None:
        rows = rows.filter(decided_on__lte=filters.end)
    if filters.status:
        # `status` is an annotation of with_status (the type checker does not see it).
        rows = rows.filter(**{"status": filters.status})
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    rows = rows.order_by("-decided_on", "-year", "-sequence", "-pk")
    return search(rows, filters.query)


class RegisterPaginator(Paginator):
    """Pages of the register that read only their own rows whole. The page's keys are
    sorted and cut first, on the narrow rows (no join, no status); the 25 rows are then
    read with their status, body, object and the entries they amend or supersede. Read
    in one query, PostgreSQL joined and annotated all of a territory's 4,000 decisions
    before keeping 25 (page 1 of the busiest territory: 50 ms, against 27)."""

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:  # as Paginator.page
            top = self.count
        rows: QuerySet[Decision] = self.object_list  # type: ignore[assignment]
        if "rank" in rows.query.annotations:
            # A French search ranks every match anyway: reading the page twice would
            # search twice.
            return Page(rows[bottom:top], number, self)
        keys = rows.values("pk")[bottom:top]
        return Page(rows.filter(pk__in=keys), number, self)


def object_choices(bodies: QuerySet[Body]) -> list[tuple[str, str]]:
    """One choice per object lineage of the bodies' frameworks (so that an object is one
    filter across framework versions), titled as in its latest version. One query."""
    objects = (
        FrameworkObject.objects.filter(framework__body__in=bodies)
        .order_by("framework__body__name", "lineage", "-framework__version")
        .values_list("lineage", "title", "framework__body__name")
    )
    seen: dict[uuid.UUID, tuple[str, str]] = {}
    for lineage, title, body_name in objects:
        seen.setdefault(lineage, (title, body_name))
    several_bodies = len({body_name for _title, body_name in seen.values()}) > 1
    choices = [
        (str(lineage), f"{title} ({body_name})" if several_bodies else title)
        for lineage, (title, body_name) in seen.items()
    ]
    return sorted(choices, key=lambda choice: fold(choice[1]))


def organisation_choices(territory: Territory) -> QuerySet[Organisation]:
    return Organisation.objects.filter(territory=territory, ended_on__isnull=True).order_by("name")


# --- A decision's page -------------------------------------------------------------------


@dataclass
class DecisionPage:
    """What the page of one register entry shows besides the entry itself."""

    status: str
    participants: list[Person]  # the first PARTICIPANTS_SHOWN, by name
    participant_count: int
    documents: list[Document]
    amended_by: list[Decision]
    superseded_by: list[Decision]
    objections: list[Objection] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    versions: list[ProposalVersion] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return status_label(self.status)


# A decision's page names PARTICIPANTS_SHOWN participants at most (a codir may have 159
# seats); its participants page (decision_participants) names them all.
PARTICIPANTS_SHOWN = 30


def decision_participants(decision: Decision) -> QuerySet[Person]:
    return decision.participants.order_by("last_name", "first_name", "pk")


def decision_page(decision: Decision, today: date | None = None) -> DecisionPage:
    # The entries that amend or supersede this one, in one read.
    later = list(
        Decision.objects.filter(Q(amends=decision) | Q(supersedes=decision))
        .select_related("body")
        .order_by("decided_on", "year", "sequence")
    )
    amended_by = [entry for entry in later if entry.amends_id == decision.pk]
    superseded_by = [entry for entry in later if entry.supersedes_id == decision.pk]
    # One participant more than shown says whether to count them (a query only then).
    participants = list(decision_participants(decision)[: PARTICIPANTS_SHOWN + 1])
    count = len(participants)
    if count > PARTICIPANTS_SHOWN:
        count = decision.participants.count()
    page = DecisionPage(
        status=status_of(decision, amended_by, superseded_by, today),
        participants=participants[:PARTICIPANTS_SHOWN],
        participant_count=count,
        documents=list(decision.documents.order_by("title", "pk")),
        amended_by=amended_by,
        superseded_by=superseded_by,
    )
    if decision.proposal_id is not None:
        proposal = decision.proposal_id
        page.objections = list(
            Objection.objects.filter(proposal_id=proposal).select_related("author", "resolved_by")
        )
        page.amendments = list(
            Amendment.objects.filter(proposal_id=proposal).select_related(
                "author", "decided_by", "responds_to__author"
            )
        )
        page.versions = list(
            ProposalVersion.objects.filter(proposal_id=proposal).select_related(
                "author", "amendment"
            )
        )
    return page
