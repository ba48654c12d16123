"""The reference framework moves to governance (state only: governance 0001 took the
tables over, governance 0002 renames them). The foreign keys to the framework, its
objects and the charter now point at governance's models."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0003_decision_guards"),
        ("governance", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="proposal",
                    name="framework",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="proposals", to="governance.framework", verbose_name="version du cadre à adopter"),
                ),
                migrations.AlterField(
                    model_name="proposal",
                    name="charter",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="proposals", to="governance.charter", verbose_name="version de la charte à adopter"),
                ),
                migrations.AlterField(
                    model_name="proposal",
                    name="object",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="proposals", to="governance.frameworkobject", verbose_name="objet du cadre de référence"),
                ),
                migrations.AlterField(
                    model_name="decision",
                    name="object",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="decisions", to="governance.frameworkobject", verbose_name="objet du cadre de référence"),
                ),
                migrations.RemoveField(model_name="frameworkobject", name="framework"),
                migrations.RemoveField(model_name="legitimacysource", name="framework"),
                migrations.RemoveField(model_name="legitimacysource", name="document"),
                migrations.DeleteModel(name="Framework"),
                migrations.DeleteModel(name="FrameworkObject"),
                migrations.DeleteModel(name="LegitimacySource"),
            ],
        ),
    ]
