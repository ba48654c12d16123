"""The reflection URLs, with real objects, for codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from reflection.tests.factories import open_round, open_session

ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "reflection:mine": lambda w: {},
    "reflection:body": lambda w: {"body_pk": w.body.pk},
    "reflection:trend_csv": lambda w: {"body_pk": w.body.pk},
    "reflection:schedule": lambda w: {"body_pk": w.body.pk},
    "reflection:session_create": lambda w: {"body_pk": w.body.pk},
    "reflection:session": lambda w: {"pk": open_session(w.body).pk},
    "reflection:results_csv": lambda w: {"pk": open_session(w.body).pk},
    "reflection:questions": lambda w: {"pk": open_session(w.body).pk},
    "reflection:session_open": lambda w: {"pk": open_session(w.body).pk},
    "reflection:session_close": lambda w: {"pk": open_session(w.body).pk},
    "reflection:answer": lambda w: {"pk": open_session(w.body).pk},
    "reflection:remind": lambda w: {"pk": open_session(w.body).pk},
    "reflection:action_add": lambda w: {"pk": open_session(w.body).pk},
    "reflection:plan": lambda w: {"pk": open_session(w.body).pk},
    "reflection:plan_submit": lambda w: {"pk": open_session(w.body).pk},
    "reflection:maturity": lambda w: {"body_pk": w.body.pk},
    "reflection:maturity_csv": lambda w: {"body_pk": w.body.pk},
    "reflection:round_create": lambda w: {"body_pk": w.body.pk},
    "reflection:round": lambda w: {"pk": open_round(w.body).pk},
    "reflection:round_answer": lambda w: {"pk": open_round(w.body).pk},
    "reflection:round_close": lambda w: {"pk": open_round(w.body).pk},
    "reflection:next_step": lambda w: {"pk": open_round(w.body).pk},
}

# The navigation's "Miroir" lists the person's own bodies: an outsider reaches their own
# (empty) page.
PERSONAL = {"reflection:mine"}
