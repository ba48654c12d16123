"""The proposal's foreign keys to the charter and the framework go: 0005 carried them
into the generic subject."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0005_proposal_subject"),
    ]

    operations = [
        migrations.RemoveField(model_name="proposal", name="charter"),
        migrations.RemoveField(model_name="proposal", name="framework"),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(fields=["subject_type", "subject_id"], name="proposal_subject_idx"),
        ),
    ]
