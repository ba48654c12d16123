"""The charter (meetings) and the reference framework (decisions) move to governance.

State only: the models are created in governance's state on their existing tables; the
old apps drop them from their state (meetings 0005, decisions 0004). Tables are renamed
and the content types moved in 0002, so that no row is lost and the audit trail
(auditlog's LogEntry.content_type) still points at them.
"""

import datetime
import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("bodies", "0002_body_calendar_token"),
        ("documents", "0002_document_lineage"),
        ("meetings", "0004_attendance_invited_label"),
        ("decisions", "0003_decision_guards"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Charter',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(verbose_name='version')),
                        ('attendance', models.TextField(help_text='Les membres, les invités permanents, les suppléances.', verbose_name='qui vient')),
                        ('standing_guests', models.TextField(blank=True, verbose_name='invités permanents')),
                        ('recurrence', models.CharField(help_text='Par exemple FREQ=MONTHLY;BYDAY=+2TU pour le deuxième mardi du mois.', max_length=200, verbose_name='fréquence (règle iCalendar)')),
                        ('start_time', models.TimeField(default=datetime.time(9, 0), verbose_name='heure de début')),
                        ('end_time', models.TimeField(default=datetime.time(11, 30), verbose_name='heure de fin')),
                        ('place_mode', models.CharField(choices=[('fixed', 'lieu fixe'), ('rotating', 'tournant entre les mairies des membres')], default='rotating', max_length=10, verbose_name='lieu')),
                        ('fixed_place', models.CharField(blank=True, max_length=300, verbose_name='lieu fixe')),
                        ('notice_days', models.PositiveSmallIntegerField(default=7, verbose_name="délai d'envoi de l'ordre du jour et des documents (jours)")),
                        ('minutes_writer', models.CharField(default='le ou la secrétaire de séance', max_length=200, verbose_name='qui rédige le compte-rendu')),
                        ('minutes_review_days', models.PositiveSmallIntegerField(default=10, verbose_name='délai de relecture du compte-rendu (jours)')),
                        ('facilitation_mode', models.CharField(choices=[('fixed', 'animation fixe'), ('rotating', 'animation tournante')], default='rotating', max_length=10, verbose_name='animation')),
                        ('ethical_rules', models.TextField(default="1. Parité de la parole : chaque membre a la même voix, quelle que soit la taille de son organisation.\n2. Droit d'exprimer et d'explorer un désaccord, sans contre-argumentation immédiate.\n3. Droit d'ingérence, avec bienveillance et réciprocité.\n4. Pouvoir d'amendement : chacun peut proposer de modifier ce qui est proposé.\n5. Respect des personnes, des organisations et des engagements pris ensemble.", verbose_name='règles éthiques')),
                        ('adopted_on', models.DateField(blank=True, null=True, verbose_name='adoptée le')),
                        ('adoption_note', models.TextField(blank=True, verbose_name='comment elle a été adoptée')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='rédigée le')),
                        ('adopted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='adoption enregistrée par')),
                        ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='charters', to='bodies.body', verbose_name='instance')),
                    ],
                    options={
                        'db_table': 'meetings_charter',
                        'verbose_name': 'charte de fonctionnement',
                        'verbose_name_plural': 'chartes de fonctionnement',
                        'ordering': ['body', '-version'],
                    },
                ),
                migrations.CreateModel(
                    name='Framework',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(verbose_name='version')),
                        ('mission_relational', models.TextField(blank=True, verbose_name='fonction relationnelle')),
                        ('mission_operational', models.TextField(blank=True, verbose_name='fonction opérationnelle')),
                        ('mission_organisational', models.TextField(blank=True, verbose_name='fonction organisationnelle')),
                        ('mission_institutional', models.TextField(blank=True, verbose_name='fonction institutionnelle')),
                        ('perspectives', models.TextField(blank=True, verbose_name='perspectives')),
                        ('adopted_on', models.DateField(blank=True, null=True, verbose_name='adopté le')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='rédigé le')),
                        ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='frameworks', to='bodies.body', verbose_name='instance')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='rédigé par')),
                    ],
                    options={
                        'db_table': 'decisions_framework',
                        'verbose_name': 'cadre de référence',
                        'verbose_name_plural': 'cadres de référence',
                        'ordering': ['body', '-version'],
                    },
                ),
                migrations.CreateModel(
                    name='FrameworkObject',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='intitulé')),
                        ('kind', models.CharField(choices=[('theme', 'thème'), ('dossier', 'dossier')], default='theme', max_length=10, verbose_name='nature')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('authority', models.CharField(choices=[('information', 'information'), ('avis', 'avis'), ('proposition', 'proposition'), ('decision', 'décision')], default='avis', max_length=12, verbose_name="ce que l'instance peut faire")),
                        ('position', models.PositiveIntegerField(default=0, verbose_name='ordre')),
                        ('lineage', models.UUIDField(db_index=True, default=uuid.uuid4, editable=False)),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='governance.framework', verbose_name='cadre')),
                    ],
                    options={
                        'db_table': 'decisions_frameworkobject',
                        'verbose_name': 'objet du cadre de référence',
                        'verbose_name_plural': 'objets du cadre de référence',
                        'ordering': ['framework', 'position', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='LegitimacySource',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('mandate', 'lettre de mission'), ('deliberation', 'délibération'), ('project', 'projet de territoire'), ('pooling', 'schéma de mutualisation'), ('role', 'le rôle lui-même'), ('peers', 'les pairs'), ('other', 'autre')], max_length=15, verbose_name='nature')),
                        ('title', models.CharField(max_length=200, verbose_name='intitulé')),
                        ('dated', models.DateField(blank=True, null=True, verbose_name='date')),
                        ('note', models.TextField(blank=True, verbose_name='précisions')),
                        ('document', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='documents.document', verbose_name='document')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sources', to='governance.framework', verbose_name='cadre')),
                    ],
                    options={
                        'db_table': 'decisions_legitimacysource',
                        'verbose_name': 'source de légitimité',
                        'verbose_name_plural': 'sources de légitimité',
                        'ordering': ['framework', 'dated', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name="charter",
                    constraint=models.UniqueConstraint(
                        fields=("body", "version"), name="one_charter_version"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="framework",
                    constraint=models.UniqueConstraint(
                        fields=("body", "version"), name="one_framework_version"
                    ),
                ),
            ],
        ),
    ]
