"""The consent proposal of an election now carries the election as its subject
(decisions 0005: a generic link): adopting it assigns the role."""

from django.db import migrations


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


def backwards(apps, schema_editor):
    ElectionProposal = apps.get_model("elections", "ElectionProposal")
    Proposal = apps.get_model("decisions", "Proposal")
    Proposal.objects.filter(
        pk__in=ElectionProposal.objects.values("proposal_id")
    ).update(subject_type=None, subject_id=None)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("decisions", "0005_proposal_subject"),
        ("elections", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
