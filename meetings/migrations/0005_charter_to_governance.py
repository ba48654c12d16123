"""The charter moves to governance (state only: governance 0001 took the table over,
governance 0002 renames it). Meeting.charter now points at governance.Charter. After
decisions 0004, whose Proposal.charter pointed here too."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0004_attendance_invited_label"),
        ("governance", "0001_initial"),
        ("decisions", "0004_framework_to_governance"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="meeting",
                    name="charter",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="meetings", to="governance.charter", verbose_name="planifiée par la charte"),
                ),
                migrations.DeleteModel(name="Charter"),
            ],
        ),
    ]
