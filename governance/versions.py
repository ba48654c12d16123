"""The versions of a body's adoptable text, the same for the charter and the framework:
the newest (a new version starts from it), the draft, the version in force, the one
adopted before a given version, and what a page shows of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from bodies.models import Body
from governance.models import AdoptableText

T = TypeVar("T", bound=AdoptableText)


def versions_of(kind: type[T], body: Body) -> list[T]:
    """Every version of the body's text, newest first, with who recorded adoption."""
    return list(
        kind._default_manager.filter(body=body).select_related("adopted_by").order_by("-version")
    )


def latest_version(kind: type[T], body: Body) -> T | None:
    """The newest version, adopted or draft: the one a new version starts from."""
    return kind._default_manager.filter(body=body).order_by("-version").first()


def draft_version(kind: type[T], body: Body) -> T | None:
    """The version being written: the newest one while it is not adopted."""
    latest = latest_version(kind, body)
    return latest if latest is not None and not latest.is_adopted else None


def version_in_force(kind: type[T], body: Body) -> T | None:
    """The latest adopted version, or None while the body has not adopted one."""
    return (
        kind._default_manager.filter(body=body, adopted_on__isnull=False)
        .order_by("-version")
        .first()
    )


def previous_adopted(text: T) -> T | None:
    """The adopted version before this one: what it changes."""
    return (
        type(text)
        ._default_manager.filter(
            body_id=text.body_id, version__lt=text.version, adopted_on__isnull=False
        )
        .order_by("-version")
        .first()
    )


@dataclass
class History(Generic[T]):
    """What the text's page shows: the version in force, the draft, the others."""

    current: T | None
    draft: T | None
    earlier: list[T] = field(default_factory=list)


def history(kind: type[T], body: Body) -> History[T]:
    """One query whatever the number of versions; each version's body is `body`."""
    versions = versions_of(kind, body)
    for version in versions:
        version.body = body  # already loaded, with its territory
    current = next((v for v in versions if v.is_adopted), None)
    draft = versions[0] if versions and not versions[0].is_adopted else None
    earlier = [v for v in versions if v not in (current, draft)]
    return History(current=current, draft=draft, earlier=earlier)
