"""The move of the charter and the reference framework to governance keeps every row:
from the schema before the move (meetings 0004, decisions 0003), with a charter, a
framework with an object and a source, a proposal carrying each and their audit entries,
migrating forward keeps the rows, their ids, the proposals' subjects and the audit
trail. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from governance.models import Charter, Framework, FrameworkObject, LegitimacySource

BEFORE = [
    ("meetings", "0004_attendance_invited_label"),
    ("decisions", "0003_decision_guards"),
    ("governance", None),
]


def _migrate(targets: list[tuple[str, str | None]]) -> Any:
    """Migrate to `targets`; the historical apps of that state."""
    executor = MigrationExecutor(connection)
    return executor.migrate(targets).apps


def _log(old_label: str, model: str, pk: int) -> LogEntry:
    """An audit entry on a row of the old schema (its old content type)."""
    content_type, _created = ContentType.objects.get_or_create(app_label=old_label, model=model)
    return LogEntry.objects.create(
        content_type=content_type,
        object_pk=str(pk),
        object_id=pk,
        object_repr=f"{model} {pk}",
        action=LogEntry.Action.CREATE,
    )


def _old_rows(apps: Any) -> dict[str, Any]:
    """A charter, a framework with an object and a source, and a proposal for each, in
    the old apps."""
    territory = apps.get_model("territories", "Territory").objects.create(
        name="CC de la migration", siren="200000001", epci_type="CC"
    )
    body = apps.get_model("bodies", "Body").objects.create(
        territory=territory,
        name="Codir",
        kind="codir_strategique",
        stratum="strategique",
        circle=1,
    )
    person = apps.get_model("accounts", "Person").objects.create(
        email="migration@example.fr", first_name="Anne", last_name="Migrée"
    )
    charter = apps.get_model("meetings", "Charter").objects.create(
        body=body,
        version=1,
        attendance="Les DGS.",
        recurrence="FREQ=MONTHLY;BYDAY=+2TU",
        start_time=time(9, 0),
        end_time=time(11, 30),
        adopted_on=date(2024, 1, 15),
        adopted_by=person,
        adoption_note="Adoptée par consentement (décision 2024-001).",
    )
    framework = apps.get_model("decisions", "Framework").objects.create(
        body=body, version=1, mission_relational="Se connaître.", created_by=person
    )
    obj = apps.get_model("decisions", "FrameworkObject").objects.create(
        framework=framework, title="Achats", authority="decision"
    )
    source = apps.get_model("decisions", "LegitimacySource").objects.create(
        framework=framework, kind="mandate", title="Lettre de mission"
    )
    proposal_model = apps.get_model("decisions", "Proposal")
    common = {"body": body, "proposer": person, "text": "Texte.", "phase": "objections"}
    charter_proposal = proposal_model.objects.create(title="Charte", charter=charter, **common)
    framework_proposal = proposal_model.objects.create(title="Cadre", framework=framework, **common)
    return {
        "charter": charter.pk,
        "framework": framework.pk,
        "object": obj.pk,
        "source": source.pk,
        "charter_proposal": charter_proposal.pk,
        "framework_proposal": framework_proposal.pk,
        "lineage": obj.lineage,
    }


@pytest.mark.django_db(transaction=True)
def test_moving_to_governance_keeps_the_rows_the_subjects_and_the_audit_trail():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old_apps = _migrate(BEFORE)
    ids = _old_rows(old_apps)
    entries = [
        _log("meetings", "charter", ids["charter"]),
        _log("decisions", "framework", ids["framework"]),
        _log("decisions", "frameworkobject", ids["object"]),
    ]
    new_apps = _migrate(leaves)
    ContentType.objects.clear_cache()
    charter = Charter.objects.get(pk=ids["charter"])
    assert (charter.version, charter.recurrence, charter.adopted_on) == (
        1,
        "FREQ=MONTHLY;BYDAY=+2TU",
        date(2024, 1, 15),
    )
    assert charter.adopted_by is not None and charter.adopted_by.email == "migration@example.fr"
    framework = Framework.objects.get(pk=ids["framework"])
    assert framework.mission_relational == "Se connaître."
    obj = FrameworkObject.objects.get(pk=ids["object"])
    assert (obj.framework_id, obj.title, obj.lineage) == (framework.pk, "Achats", ids["lineage"])
    assert LegitimacySource.objects.get(pk=ids["source"]).framework_id == framework.pk
    proposals = new_apps.get_model("decisions", "Proposal").objects
    assert proposals.get(pk=ids["charter_proposal"]).charter_id == charter.pk
    assert proposals.get(pk=ids["framework_proposal"]).framework_id == framework.pk
    for entry, model in zip(entries, (Charter, Framework, FrameworkObject), strict=True):
        entry.refresh_from_db()
        assert entry.content_type == ContentType.objects.get_for_model(model)
        assert entry.content_type.app_label == "governance"
    assert not ContentType.objects.filter(app_label="meetings", model="charter").exists()
