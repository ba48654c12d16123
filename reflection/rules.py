"""Who may do what in the opération miroir and the maturity self-assessment, written on
top of the access policy's roles (access.roles) and registered in `rules` at start-up
(apps.py), as access.permissions registers its own.

| action                                        | who                                  |
|-----------------------------------------------|--------------------------------------|
| see the sessions, results, maturity           | whoever sees the body (404 otherwise)|
| answer a session, assess the maturity         | the body's members (guests excepted) |
| schedule, prepare, open, close, remind,       | whoever runs the body's meetings:    |
|   record actions, the plan and the next step  |   its facilitator, the administrators|
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from access.roles import is_body_member, runs_body_meetings
from accounts.models import Person

ANSWER = "reflection.answer"
RUN = "reflection.run"

RULES: dict[str, tuple[Any, Promise]] = {
    ANSWER: (
        is_body_member,
        _("Seuls les membres de l’instance répondent (les invités n’y ont pas accès)."),
    ),
    RUN: (
        runs_body_meetings,
        _(
            "L’opération miroir et l’autodiagnostic sont conduits par qui anime l’instance : "
            "son animateur·rice et les administrateurs du territoire."
        ),
    ),
}


def register_rules() -> None:
    for name, (predicate, _message) in RULES.items():
        if not rules.perm_exists(name):
            rules.add_perm(name, predicate)


def require(user: Person, permission: str, obj: Any) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(str(RULES[permission][1]))
