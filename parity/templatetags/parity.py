"""Parity figures where the lower layers' pages need them (docs/architecture.md: a
higher layer's tag in a lower layer's template):

- `{% parity_link body %}` on the body's page (directory), for those who may see it;
- `{% parity_rota body %}` beside the fair suggestion of the meeting roles page;
- `{% parity_agenda body %}` on the agenda the facilitator prepares.
"""

from __future__ import annotations

from typing import Any

from django import template

from access.permissions import CONTRIBUTE, allowed
from bodies.models import Body
from parity.selectors import quiet_organisations, quiet_people

register = template.Library()


def _user(context: template.Context) -> Any:
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("parity/_link.html", takes_context=True)
def parity_link(context: template.Context, body: Body) -> dict[str, Any]:
    user = _user(context)
    visible = user is not None and user.is_authenticated and allowed(user, CONTRIBUTE, body)
    return {"body": body, "visible": visible}


@register.inclusion_tag("parity/_rota.html")
def parity_rota(body: Body) -> dict[str, Any]:
    """Who has not facilitated (people) or hosted (organisations) for a year: five
    queries whatever the body's history."""
    return {
        "body": body,
        "not_facilitated": quiet_people(body, "facilitated"),
        "not_hosted": quiet_organisations(body, "hosted"),
    }


@register.inclusion_tag("parity/_agenda.html")
def parity_agenda(body: Body) -> dict[str, Any]:
    return {"body": body, "not_proposed": quiet_organisations(body, "proposed")}
