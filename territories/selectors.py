"""Reads shared by pages (and later the API): every territory object is reached here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet

from accounts.models import Person
from core.text import fold, fold_with_positions
from territories.models import Organisation, Position, Territory, TerritoryMember


def current_leaders_prefetch() -> Prefetch[str, QuerySet[Position], str]:
    """The DGS and secretaries of each organisation, for lists of organisations."""
    return Prefetch(
        "positions",
        queryset=Position.objects.current()
        .filter(function__in=Position.LEADING_FUNCTIONS)
        .select_related("person")
        .order_by("function", "person__last_name"),
        to_attr="current_leaders",
    )


def territory_organisations(territory: Territory) -> QuerySet[Organisation]:
    """Organisations of a territory, EPCI first, then communes by name, with their leaders."""
    return (
        territory.organisations.filter(ended_on__isnull=True)
        .exclude(kind=Organisation.Kind.DELEGATED_COMMUNE)
        .prefetch_related(current_leaders_prefetch())
        .order_by("kind", "name")
    )


def territory_people(territory: Territory) -> QuerySet[Person]:
    return Person.objects.filter(territory_memberships__territory=territory, is_active=True)


def delegated_communes_prefetch() -> Prefetch[str, QuerySet[Organisation], str]:
    """The communes déléguées of each commune nouvelle, for lists of organisations."""
    return Prefetch(
        "children",
        queryset=Organisation.objects.filter(
            kind=Organisation.Kind.DELEGATED_COMMUNE, ended_on__isnull=True
        ).order_by("name"),
        to_attr="delegated_communes",
    )


@dataclass(frozen=True)
class TerritoryOverview:
    """A territory's organisations, split the way its page shows them."""

    epcis: list[Organisation]
    communes: list[Organisation]
    others: list[Organisation]

    @property
    def population(self) -> int:
        return sum(commune.population or 0 for commune in self.communes)


def territory_overview(territory: Territory) -> TerritoryOverview:
    """The EPCI, the communes (with their communes déléguées) and the other organisations
    (syndicats, services communs, partners), each with its current leaders.
    Three queries, whatever the number of communes."""
    organisations = territory_organisations(territory).prefetch_related(
        delegated_communes_prefetch()
    )
    kinds: dict[str, list[Organisation]] = {"epci": [], "commune": [], "other": []}
    for organisation in organisations:
        key = organisation.kind if organisation.kind in kinds else "other"
        kinds[key].append(organisation)
    return TerritoryOverview(epcis=kinds["epci"], communes=kinds["commune"], others=kinds["other"])


# --- Organisation page --------------------------------------------------------------------


def organisation_children(organisation: Organisation) -> QuerySet[Organisation]:
    """Organisations attached to this one: communes déléguées, services communs."""
    return organisation.children.filter(ended_on__isnull=True).order_by("kind", "name")


def organisation_current_positions(organisation: Organisation) -> QuerySet[Position]:
    return (
        organisation.positions.current()
        .select_related("person")
        .order_by("function", "person__last_name", "person__first_name")
    )


def organisation_past_positions(organisation: Organisation) -> QuerySet[Position]:
    return organisation.positions.past().select_related("person").order_by("-end_date", "-pk")


def organisation_history(organisation: Organisation) -> QuerySet[LogEntry]:
    """The audit trail of an organisation and of the positions held in it."""
    organisation_type, position_type = (
        ContentType.objects.get_for_model(Organisation),
        ContentType.objects.get_for_model(Position),
    )
    position_ids = Position.objects.filter(organisation=organisation).values("pk")
    return (
        LogEntry.objects.filter(
            Q(content_type=organisation_type, object_id=organisation.pk)
            | Q(content_type=position_type, object_id__in=position_ids)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


# --- Directory search ---------------------------------------------------------------------
#
# Accent-insensitive on SQLite and PostgreSQL without storing anything new: the query is
# folded (lower case, accents and ligatures removed) and each word becomes a regular
# expression whose letters accept their accented forms ("ecole" → "[eé…]col[eé…]"); the
# database filters with it, and Python folds the matching text again to show an excerpt.

# Accented forms of the letters, upper and lower case, so that the match does not depend
# on the database's case folding of non-ASCII letters (PostgreSQL with a C locale).
_LETTER_VARIANTS = {
    "a": "aàâäáãåAÀÂÄÁÃÅ",
    "c": "cçCÇ",
    "e": "eéèêëEÉÈÊË",
    "i": "iîïíìIÎÏÍÌ",
    "n": "nñNÑ",
    "o": "oôöóòõOÔÖÓÒÕ",
    "u": "uùûüúUÙÛÜÚ",
    "y": "yÿýYŸÝ",
}
_LIGATURE_PATTERNS = {"oe": "œŒ", "ae": "æÆ"}
MAX_SEARCH_WORDS = 6
EXCERPT_BEFORE = 60
EXCERPT_AFTER = 120


def search_words(query: str) -> list[str]:
    """The words of a query, folded; one-letter words ("l'", "d'") are dropped."""
    words = [word for word in re.findall(r"\w+", fold(query)) if len(word) > 1 or word.isdigit()]
    return list(dict.fromkeys(words))[:MAX_SEARCH_WORDS]


def _letter_pattern(letter: str) -> str:
    variants = _LETTER_VARIANTS.get(letter)
    if variants:
        return f"[{variants}]"
    if letter.isalnum():
        return f"[{letter}{letter.upper()}]" if letter.upper() != letter else letter
    return re.escape(letter)


def word_pattern(word: str) -> str:
    """A regular expression, valid for Python and PostgreSQL, that finds a folded word in
    text written with accents or ligatures."""
    parts: list[str] = []
    index = 0
    while index < len(word):
        pair = word[index : index + 2]
        if pair in _LIGATURE_PATTERNS:
            plain = _letter_pattern(pair[0]) + _letter_pattern(pair[1])
            parts.append(f"(?:{plain}|[{_LIGATURE_PATTERNS[pair]}])")
            index += 2
            continue
        parts.append(_letter_pattern(word[index]))
        index += 1
    return "".join(parts)


def _functions_matching(word: str) -> list[str]:
    """Function codes whose code or French label contains the word ("secretaire", "dgs")."""
    return [
        value
        for value, label in Position.Function.choices
        if word in fold(value.replace("_", " ")) or word in fold(str(label))
    ]


def directory_search(territory: Territory, query: str = "") -> QuerySet[Person]:
    """People of the territory whose name, organisation, function, presentation,
    expertise or projects contain every word of the query, accents and case ignored.
    Their current functions in the territory are prefetched as `current_positions`.

    The territory comes first: its members' ids are read (a few hundred at most), then
    each word keeps those of them whose folded `search_text` contains it (looked up by
    primary key: only the territory's people are read) or who hold a matching position
    in the territory's organisations. An OR over every person, as before, made
    PostgreSQL scan the whole country's people (9 ms for 9,000 people, against 0.2)."""
    member_ids = list(
        TerritoryMember.objects.filter(territory=territory).values_list("person_id", flat=True)
    )
    people = Person.objects.filter(pk__in=member_ids, is_active=True)
    positions = Position.objects.current().filter(organisation__territory=territory)
    for word in search_words(query):
        # Organisations' names and titles are few within one territory: their accent
        # pattern stays; the people's own texts are one folded column (Person.search_text).
        pattern = word_pattern(word)
        by_text = Person.objects.filter(pk__in=member_ids, search_text__contains=word)
        by_position = (
            positions.filter(person_id__in=member_ids)
            .filter(
                Q(organisation__name__iregex=pattern)
                | Q(title__iregex=pattern)
                | Q(function__in=_functions_matching(word))
            )
            .order_by()
            .values("person_id")
        )
        people = people.filter(pk__in=by_text.order_by().values("pk").union(by_position))
    return people.order_by("last_name", "first_name", "pk").prefetch_related(
        Prefetch(
            "positions",
            queryset=positions.select_related("organisation").order_by("organisation__name"),
            to_attr="current_positions",
        )
    )


@dataclass(frozen=True)
class Excerpt:
    """A passage of a person's own text around the word that matched."""

    label: str
    before: str
    match: str
    after: str


@dataclass(frozen=True)
class DirectoryEntry:
    person: Person
    positions: list[Position]
    excerpt: Excerpt | None


# The texts an excerpt is taken from, in the order they are tried.
EXCERPT_FIELDS = ("expertise", "projects", "presentation")


def _field_label(field_name: str) -> str:
    field = Person._meta.get_field(field_name)
    return str(getattr(field, "verbose_name", field_name))


def _excerpt_around(label: str, text: str, start: int, end: int) -> Excerpt:
    left = max(0, start - EXCERPT_BEFORE)
    right = min(len(text), end + EXCERPT_AFTER)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    before = ("… " if left > 0 else "") + text[left:start]
    after = text[end:right] + (" …" if right < len(text) else "")
    return Excerpt(label=label, before=before, match=text[start:end], after=after)


def match_excerpt(person: Person, words: list[str]) -> Excerpt | None:
    """The first passage of the person's expertise, projects or presentation that contains
    one of the words; without words (or when the name or a function matched), the start
    of their expertise."""
    for field_name in EXCERPT_FIELDS:
        text: str = getattr(person, field_name)
        folded, origins = fold_with_positions(text)
        for word in words:
            found = folded.find(word)
            if found != -1:
                label = _field_label(field_name)
                start, end = origins[found], origins[found + len(word) - 1] + 1
                return _excerpt_around(label, text, start, end)
    if person.expertise:
        return _excerpt_around(_field_label("expertise"), person.expertise, 0, 0)
    return None


def directory_entries(people: Iterable[Person], query: str = "") -> list[DirectoryEntry]:
    """The directory rows of people from `directory_search`, with the excerpt that says
    why each one matched."""
    words = search_words(query)
    return [
        DirectoryEntry(
            person=person,
            positions=getattr(person, "current_positions", []),
            excerpt=match_excerpt(person, words),
        )
        for person in people
    ]


def epci_dgs(territory: Territory) -> Person | None:
    """The EPCI's director general now, if the territory records one."""
    position = (
        Position.objects.current()
        .filter(
            organisation__territory=territory,
            organisation__kind=Organisation.Kind.EPCI,
            function=Position.Function.DGS,
        )
        .select_related("person")
        .first()
    )
    return position.person if position else None
