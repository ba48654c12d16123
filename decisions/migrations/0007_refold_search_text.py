"""The register's `search_text` is folded by core.text.fold since the two folds of the
project became one; that fold also spells the ligatures œ and æ as « oe » and « ae ».
Folding the stored text again brings the entries written before in line with the
queries, which are folded the new way (« voeu » finds « vœu »)."""

from django.db import migrations

from core.text import fold


def refold(apps, schema_editor):
    Decision = apps.get_model("decisions", "Decision")
    # The base manager: the register refuses updates through its own (an entry never
    # changes); here the entry stays as it is, only its derived search text is rewritten.
    entries = Decision._base_manager
    for pk, text in entries.values_list("pk", "search_text").iterator():
        folded = fold(text)
        if folded != text:
            entries.filter(pk=pk).update(search_text=folded)


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0006_remove_proposal_charter_framework"),
    ]

    operations = [
        migrations.RunPython(refold, migrations.RunPython.noop),
    ]
