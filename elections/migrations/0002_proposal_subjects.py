"""The consent proposal of an election now carries the election as its subject
(decisions 0005: a generic link): adopting it assigns the role."""

from django.db import migrations


def _check_now(schema_editor):
    """PostgreSQL checks the deferred foreign keys of the rows written above now, so
    that the schema changes that follow in this migration may alter their tables."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ElectionProposal = apps.get_model("elections", "ElectionProposal")
    Proposal = apps.get_model("decisions", "Proposal")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="elections", model="election"
    )
    for row in ElectionProposal.objects.all():
        Proposal.objects.filter(pk=row.proposal_id).update(
            subject_type=content_type, subject_id=row.election_id
        )
    _check_now(schema_editor)


def backwards(apps, schema_editor):
    ElectionProposal = apps.get_model("elections", "ElectionProposal")
    Proposal = apps.get_model("decisions", "Proposal")
    Proposal.objects.filter(
        pk__in=ElectionProposal.objects.values("proposal_id")
    ).update(subject_type=None, subject_id=None)
    _check_now(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("decisions", "0006_remove_proposal_charter_framework"),
        ("elections", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
