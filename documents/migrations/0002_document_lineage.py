"""Every version of a document shares a lineage, so that its history is one query.
Existing rows get one lineage per chain of versions (not one value for the whole table,
which is what a plain AddField with a callable default would do)."""

import uuid

from django.db import migrations, models


def fill_lineage(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    rows = {row.pk: row for row in Document.objects.all()}
    for row in sorted(rows.values(), key=lambda r: r.version):
        previous = rows.get(row.previous_id) if row.previous_id else None
        row.lineage = previous.lineage if previous is not None else uuid.uuid4()
        row.save(update_fields=["lineage"])


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="lineage",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_lineage, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="document",
            name="lineage",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
    ]
