"""The moved tables take governance's names, and their content types move with them:
the audit trail (auditlog's LogEntry.content_type) and the permissions keep pointing at
the same rows."""

from django.db import migrations

# (old app label, model) → new app label
MOVED = {
    ("meetings", "charter"): "governance",
    ("decisions", "framework"): "governance",
    ("decisions", "frameworkobject"): "governance",
    ("decisions", "legitimacysource"): "governance",
}


def _move(apps, moves):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    Permission = apps.get_model("auth", "Permission")
    for (old_label, model), new_label in moves.items():
        old = ContentType.objects.filter(app_label=old_label, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=new_label, model=model).first()
        if new is None:
            old.app_label = new_label
            old.save(update_fields=["app_label"])
            continue
        # Both exist (a content type was created for the new label in between): the
        # audit entries and permissions go to the new one, the old one goes.
        LogEntry.objects.filter(content_type=old).update(content_type=new)
        codenames = set(Permission.objects.filter(content_type=new).values_list("codename", flat=True))
        Permission.objects.filter(content_type=old, codename__in=codenames).delete()
        Permission.objects.filter(content_type=old).update(content_type=new)
        old.delete()


def _check_now(schema_editor):
    """PostgreSQL checks the deferred foreign keys of the rows written above now, so
    that the schema changes that follow in this migration may alter their tables."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forwards(apps, schema_editor):
    _move(apps, MOVED)
    _check_now(schema_editor)


def backwards(apps, schema_editor):
    _move(apps, {(new, model): old for (old, model), new in MOVED.items()})
    _check_now(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0001_initial"),
        ("meetings", "0005_charter_to_governance"),
        ("decisions", "0004_framework_to_governance"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("auditlog", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="charter", table=None),
        migrations.AlterModelTable(name="framework", table=None),
        migrations.AlterModelTable(name="frameworkobject", table=None),
        migrations.AlterModelTable(name="legitimacysource", table=None),
        migrations.RunPython(forwards, backwards),
    ]
