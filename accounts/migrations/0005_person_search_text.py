"""The directory searches one folded column, `Person.search_text` (kept up to date by
Person.save()), instead of five accent patterns per person (issue 9). On PostgreSQL a
trigram GIN index serves its `LIKE '%word%'`, when the pg_trgm extension can be created
(it needs the right to create it; without it the search still works, unindexed). SQLite
reads the column with a plain LIKE."""

from django.db import DatabaseError, migrations, models, transaction
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from core.text import fold

INDEX = "accounts_person_search_trgm"
SEARCHED_FIELDS = ("first_name", "last_name", "presentation", "expertise", "projects")


def fill_search_text(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    people = apps.get_model("accounts", "Person").objects.using(schema_editor.connection.alias)
    for row in people.values("pk", *SEARCHED_FIELDS).iterator():
        text = "\n".join(fold(row[name] or "") for name in SEARCHED_FIELDS)
        people.filter(pk=row["pk"]).update(search_text=text)


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        return  # not allowed to create it: the search runs without the index
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON accounts_person "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_person_calendar_token_person_notifications"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
