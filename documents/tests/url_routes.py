"""Routes of the documents app for codir/tests/test_url_walk.py (files go to the
per-test MEDIA_ROOT set by the root conftest)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from documents.tests.factories import make_document

ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "documents:body_documents": lambda w: {"body_pk": w.body.pk},
    "documents:detail": lambda w: {"pk": make_document(w.member, body=w.body).pk},
    "documents:new_version": lambda w: {"pk": make_document(w.member, body=w.body).pk},
    "documents:download": lambda w: {"pk": make_document(w.member, body=w.body).pk},
    "documents:delete": lambda w: {"pk": make_document(w.member, body=w.body).pk},
}
