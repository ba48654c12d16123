"""The audit trail records the sessions, their questionnaires and the maturity rounds
(who opened, edited, closed them), never who answered nor what: Participation, Response,
MaturityParticipation and MaturityAnswer stay out of it (a test checks it)."""

from __future__ import annotations

from audit.registry import TERRITORY_PATHS, register_domain_models

AUDITED: dict[str, str] = {
    "reflection.mirrorschedule": "body.territory_id",
    "reflection.mirrorsession": "body.territory_id",
    "reflection.question": "session.body.territory_id",
    "reflection.maturityround": "body.territory_id",
}
NEVER_AUDITED = (
    "reflection.participation",
    "reflection.response",
    "reflection.maturityparticipation",
    "reflection.maturityanswer",
)


def register_audited() -> None:
    # audit owns the registry of audited models; a higher app adds its own to it.
    TERRITORY_PATHS.update(AUDITED)
    register_domain_models()
