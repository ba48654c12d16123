"""A proposal's subject becomes a generic link (subject_type, subject_id) instead of one
foreign key per kind (charter, framework). Existing proposals keep their subject; the
governance texts get what they now store themselves: when a draft was submitted (frozen
while its proposal is open), and for the frameworks adopted by consent who recorded the
adoption and how (the charter already did). The old foreign keys go in 0006: PostgreSQL
does not drop a constraint of a table whose rows this migration's transaction updated."""

import django.db.models.deletion
from django.db import migrations, models

CLOSED = ("adopted", "rejected", "withdrawn")
KINDS = (("charter", "Charter", "Adoptée"), ("framework", "Framework", "Adopté"))


def _record_on_text(text, proposal, decision, adopted_word):
    fields = []
    if text.adopted_on is None and proposal.phase not in CLOSED:
        text.submitted_at = proposal.created_at
        fields.append("submitted_at")
    if text.adopted_on is not None and decision is not None:
        if text.adopted_by_id is None:
            text.adopted_by_id = decision.recorded_by_id
            fields.append("adopted_by")
        if not text.adoption_note:
            reference = f"{decision.year}-{decision.sequence:03d}"
            text.adoption_note = f"{adopted_word} par consentement (décision {reference})."
            fields.append("adoption_note")
    if fields:
        text.save(update_fields=fields)


def _check_now(schema_editor):
    """PostgreSQL checks the deferred foreign keys of the rows written above now, so
    that the schema changes that follow in this migration may alter their tables."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Proposal = apps.get_model("decisions", "Proposal")
    Decision = apps.get_model("decisions", "Decision")
    for field, model_name, adopted_word in KINDS:
        model = apps.get_model("governance", model_name)
        content_type, _created = ContentType.objects.get_or_create(
            app_label="governance", model=field
        )
        for proposal in Proposal.objects.filter(**{f"{field}__isnull": False}).order_by("pk"):
            proposal.subject_type = content_type
            proposal.subject_id = getattr(proposal, f"{field}_id")
            proposal.save(update_fields=["subject_type", "subject_id"])
            text = model.objects.get(pk=proposal.subject_id)
            decision = Decision.objects.filter(proposal=proposal).first()
            _record_on_text(text, proposal, decision, adopted_word)
    _check_now(schema_editor)


def backwards(apps, schema_editor):
    Proposal = apps.get_model("decisions", "Proposal")
    for field, _model_name, _word in KINDS:
        for proposal in Proposal.objects.filter(
            subject_type__app_label="governance", subject_type__model=field
        ):
            setattr(proposal, f"{field}_id", proposal.subject_id)
            proposal.save(update_fields=[field])
    _check_now(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("decisions", "0004_framework_to_governance"),
        ("governance", "0003_adoptable_text"),
        ("meetings", "0005_charter_to_governance"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposal",
            name="subject_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="nature de ce qu'elle adopte",
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="subject_id",
            field=models.PositiveBigIntegerField(
                blank=True, null=True, verbose_name="ce qu'elle adopte"
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
