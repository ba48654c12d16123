"""People see only what they may open: following, as a guest or as a plain member, every
internal link of the pages they reach never lands on a 403 or a 404.

A guest of a body is often not a member of its territory (a partner, an expert): the
breadcrumbs, the organisations and the register's exports of the territory are not
theirs to open, nor the forms of the members."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Person
from codir.tests.linkcheck import crawl, internal_links
from conftest import World, client_for
from decisions.tests.factories import DecisionFactory
from demo.loader import demo_load
from demo.people import DEMO_DOMAIN
from followup.tests.factories import ActionFactory, ImplementationFactory
from meetings.tests.factories import AgendaItemFactory, MeetingFactory


@pytest.fixture
def busy_world(world: World) -> World:
    """The world, with a meeting hosted by a commune, an item, a decision with a commune's
    implementation row owned by the member, and an action."""
    meeting = MeetingFactory.create(body=world.body, host=world.commune)
    AgendaItemFactory.create(meeting=meeting, title="Mutualiser les achats")
    decision = DecisionFactory.create(body=world.body, title="Groupement de commandes")
    ImplementationFactory.create(decision=decision, organisation=world.commune)
    ActionFactory.create(body=world.body, title="Recenser les besoins", owner=world.member)
    return world


def test_the_checker_finds_internal_links_only() -> None:
    html = (
        '<a href="/a/">a</a><a href="https://example.org/">x</a><a href="mailto:x@y.fr">m</a>'
        '<a href="#contenu">s</a><a href="b/?q=1#top">b</a><a href="/static/x.css">c</a>'
    )
    assert internal_links(html, "/base/") == ["/a/", "/base/", "/base/b/?q=1"]


@pytest.mark.django_db
def test_the_checker_reports_a_link_that_answers_404(busy_world: World) -> None:
    # Before this change, the body page's breadcrumb sent the guest to a 404.
    client = client_for(busy_world.guest)
    result = crawl(client, [reverse("territories:detail", args=[busy_world.territory.pk])])
    assert result.broken == [
        (reverse("territories:detail", args=[busy_world.territory.pk]), 404, "(départ)")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["guest", "member"])
def test_no_link_leads_to_a_refusal(busy_world: World, who: str) -> None:
    client = client_for(getattr(busy_world, who))
    start = [reverse("home:home"), reverse("bodies:detail", args=[busy_world.body.pk])]
    result = crawl(client, start)
    assert len(result.visited) > 10, result.visited
    assert not result.broken, result.report()


@pytest.mark.slow
@pytest.mark.django_db
def test_no_link_leads_to_a_refusal_in_the_demo() -> None:
    """The demo's two guests (a shared service's head, who is a member of the territory,
    and a partner's, who is not) and a plain member of the codir."""
    demo_load()
    for key in ("helene.vasseur", "thomas.lebreton", "marc.tessier"):
        person = Person.objects.get(email=f"{key}@{DEMO_DOMAIN}")
        result = crawl(client_for(person), [reverse("home:home")], limit=600)
        assert len(result.visited) > 100, (key, len(result.visited))
        assert not result.broken, f"{key}:\n{result.report()}"
