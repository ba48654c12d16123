"""With the database down, every page answers 503 with Retry-After and a French page
(core/unavailable.py), whether a view or a middleware met the error; nothing reads the
database to say so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.urls("core.tests.unavailable_urls")


def assert_unavailable(response: Any) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Service momentanément indisponible" in response.content.decode()


@pytest.mark.parametrize("url", ["/operational/", "/interface/"])
def test_a_view_that_meets_a_database_error_answers_503(url: str, db: None) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert_unavailable(Client().get(url))
    assert len(queries) == 0


def failing_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Any:
    def middleware(request: HttpRequest) -> HttpResponse:
        raise OperationalError("server closed the connection unexpectedly")

    return middleware


def test_a_middleware_that_meets_a_database_error_answers_503(settings: Any) -> None:
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.failing_middleware"]
    assert_unavailable(Client(raise_request_exception=False).get("/fine/"))


def test_another_error_is_still_the_generic_500() -> None:
    response = Client(raise_request_exception=False).get("/bug/")
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()
