"""The move of the charter and the reference framework to governance keeps every row:
from the schema before the move (meetings 0004, decisions 0003), with an adopted charter
and its next draft under consent, an adopted framework with an object and a source,
the proposals carrying them (with their register entries) and audit entries, migrating
forward keeps the rows and their ids, turns each proposal's foreign key into its
subject, records on each text what it now stores itself (submitted, who adopted it and
how), and keeps the audit trail. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

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
    ("elections", "0001_initial"),
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
    charters = apps.get_model("meetings", "Charter").objects
    common = {
        "attendance": "Les DGS.",
        "recurrence": "FREQ=MONTHLY;BYDAY=+2TU",
        "start_time": time(9, 0),
        "end_time": time(11, 30),
    }
    charter = charters.create(
        body=body,
        version=1,
        adopted_on=date(2024, 1, 15),
        adopted_by=person,
        adoption_note="Adoptée par consentement (décision 2024-001).",
        **common,
    )
    draft = charters.create(body=body, version=2, **common)
    framework = apps.get_model("decisions", "Framework").objects.create(
        body=body,
        version=1,
        mission_relational="Se connaître.",
        created_by=person,
        adopted_on=date(2024, 3, 12),
    )
    obj = apps.get_model("decisions", "FrameworkObject").objects.create(
        framework=framework, title="Achats", authority="decision"
    )
    source = apps.get_model("decisions", "LegitimacySource").objects.create(
        framework=framework, kind="mandate", title="Lettre de mission"
    )
    proposals = apps.get_model("decisions", "Proposal").objects
    about = {"body": body, "proposer": person, "text": "Texte."}
    charter_proposal = proposals.create(title="Charte", charter=charter, phase="adopted", **about)
    draft_proposal = proposals.create(title="Charte v2", charter=draft, phase="objections", **about)
    framework_proposal = proposals.create(
        title="Cadre", framework=framework, phase="adopted", **about
    )
    decisions = apps.get_model("decisions", "Decision").objects
    entry = {"body": body, "year": 2024, "kind": "decision", "process": "consent"}
    decisions.create(
        sequence=1,
        title="Charte",
        text="T.",
        decided_on=date(2024, 1, 15),
        proposal=charter_proposal,
        recorded_by=person,
        **entry,
    )
    decisions.create(
        sequence=2,
        title="Cadre",
        text="T.",
        decided_on=date(2024, 3, 12),
        proposal=framework_proposal,
        recorded_by=person,
        **entry,
    )
    return {
        "charter": charter.pk,
        "draft": draft.pk,
        "framework": framework.pk,
        "object": obj.pk,
        "source": source.pk,
        "charter_proposal": charter_proposal.pk,
        "draft_proposal": draft_proposal.pk,
        "framework_proposal": framework_proposal.pk,
        "lineage": obj.lineage,
    }


def _subject_of(apps: Any, pk: int) -> tuple[int | None, int | None]:
    proposal = apps.get_model("decisions", "Proposal").objects.get(pk=pk)
    return proposal.subject_type_id, proposal.subject_id


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
    charter_type = ContentType.objects.get_for_model(Charter).pk
    framework_type = ContentType.objects.get_for_model(Framework).pk
    assert _subject_of(new_apps, ids["charter_proposal"]) == (charter_type, charter.pk)
    assert _subject_of(new_apps, ids["draft_proposal"]) == (charter_type, ids["draft"])
    assert _subject_of(new_apps, ids["framework_proposal"]) == (framework_type, framework.pk)
    draft = Charter.objects.get(pk=ids["draft"])
    assert draft.is_submitted and not draft.is_editable  # frozen under consent
    assert charter.submitted_at is None  # adopted before anything was recorded
    assert framework.adopted_by is not None and framework.adopted_by.pk == charter.adopted_by.pk
    assert framework.adoption_note == "Adopté par consentement (décision 2024-002)."
    assert charter.adoption_note == "Adoptée par consentement (décision 2024-001)."
    for entry, model in zip(entries, (Charter, Framework, FrameworkObject), strict=True):
        entry.refresh_from_db()
        assert entry.content_type == ContentType.objects.get_for_model(model)
        assert entry.content_type.app_label == "governance"
    assert not ContentType.objects.filter(app_label="meetings", model="charter").exists()
