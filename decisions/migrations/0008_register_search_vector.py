"""The register's French search reads a stored vector (`search_vector`, a column that
PostgreSQL generates from `search_text` when the row is written) through a GIN index on
that column, instead of recomputing `to_tsvector` for every row (issue 9). The GIN index
on the expression (migration 0002) gives way to it. SQLite stores nothing in the column
and has no such index: its fallback search reads `search_text`."""

import django.contrib.postgres.search
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

import decisions.models.register

INDEX = "decisions_decision_search_vector"
OLD_INDEX = "decisions_decision_search_fr"


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON decisions_decision USING gin (search_vector)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON decisions_decision "
        "USING gin (to_tsvector('french'::regconfig, COALESCE(search_text, '')))"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0007_refold_search_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                editable=False,
                expression=decisions.models.register.FrenchSearchVector("search_text"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
