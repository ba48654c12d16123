"""The French full-text search of the register (decisions/register_selectors.py `search`)
reads `to_tsvector('french', COALESCE(search_text, ''))`: on PostgreSQL a GIN index on that
very expression serves it. SQLite has no such index (its fallback matches substrings), so
the migration does nothing there."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

INDEX = "decisions_decision_search_fr"


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON decisions_decision "
        "USING gin (to_tsvector('french'::regconfig, COALESCE(search_text, '')))"
    )


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
