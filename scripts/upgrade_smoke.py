"""After an upgrade (scripts/check_upgrade.sh): open the key pages of the demo territory as
its administrator, its facilitator, a town-hall secretary and a guest; exit 1 when a page a
person may open does not answer 200."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codir.settings")
os.environ.setdefault("CODIR_DEBUG", "1")
django.setup()

from django.test import Client  # noqa: E402  (Django is set up first)
from django.urls import reverse  # noqa: E402

from accounts.models import Person  # noqa: E402
from bodies.models import Body  # noqa: E402
from decisions.models import Decision, Proposal  # noqa: E402
from governance.models import Charter, Framework  # noqa: E402
from meetings.models import Meeting  # noqa: E402

DOMAIN = "demo-achards.test"
MEMBERS = ["claire.morvan", "yannick.le-goff", "nadia.poirier"]
GUEST = "helene.vasseur"  # sits in the codir as a guest: the territory's pages are not hers


def pages(body: Body) -> list[str]:
    meetings = Meeting.objects.filter(body=body).order_by("starts_at")
    return [
        reverse("home:home"),
        reverse("bodies:detail", args=[body.pk]),
        Charter.objects.filter(body=body).latest("version").get_absolute_url(),
        Framework.objects.filter(body=body).latest("version").get_absolute_url(),
        reverse("decisions:body_proposals", args=[body.pk]),
        Proposal.objects.filter(body=body).latest("pk").get_absolute_url(),
        Decision.objects.filter(body=body).latest("pk").get_absolute_url(),
        reverse("meetings:body_meetings", args=[body.pk]),
        meetings.first().get_absolute_url(),  # type: ignore[union-attr]
        reverse("meetings:agenda", args=[meetings.last().pk]),  # type: ignore[union-attr]
        reverse("elections:body_elections", args=[body.pk]),
        reverse("people:profile"),
    ]


def territory_pages(body: Body) -> list[str]:
    return [
        reverse("territories:detail", args=[body.territory_id]),
        reverse("territories:directory", args=[body.territory_id]),
        reverse("decisions:register", args=[body.territory_id]),
    ]


def main() -> int:
    body = Body.objects.get(kind=Body.Kind.STRATEGIC_CODIR, territory__siren="248500530")
    failures = 0
    for key in [*MEMBERS, GUEST]:
        client = Client()
        client.force_login(Person.objects.get(email=f"{key}@{DOMAIN}"))
        expected = {url: 200 for url in pages(body)}
        for url in territory_pages(body):
            expected[url] = 404 if key == GUEST else 200
        for url, status in expected.items():
            got = client.get(url).status_code
            if got != status:
                failures += 1
                print(f"{key}: {url} answered {got}, expected {status}")
    print(f"{failures} page(s) out of place")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
