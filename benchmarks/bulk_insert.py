"""Writing the data set's rows: bulk_create on SQLite, COPY on PostgreSQL.

Django 5.2's bulk_create on PostgreSQL sends UNNEST of arrays, which spends most of the
generation in Python (each value prepared by Django, then dumped into an array by psycopg):
measured at scale 0.02, 55 % of the run. COPY streams the same rows through psycopg's C
writer. It does what bulk_create does for these models and nothing more:

- primary keys come from the table's sequence beforehand (one contiguous block), in the
  order of the rows, as bulk_create's RETURNING would give them, so that later rows can
  reference them;
- foreign keys are read from the related instance when their column is still empty
  (bulk_create's _prepare_related_fields_for_save);
- fields with their own pre_save (auto_now) go through it, values Django must adapt (JSON)
  through get_db_prep_save, the others are written as they are;
- generated columns (the register's search_vector) are left to the database;
- the side effects of the querysets' own bulk_create are kept: a new agenda version for
  the meetings of new items, the signal of BulkSignalQuerySet.
A model whose queryset overrides bulk_create otherwise is refused rather than written
without its side effect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Field, Model, Q, QuerySet

from core.signals import BulkSignalQuerySet, rows_changed_in_bulk
from meetings.models import AgendaItemQuerySet, bump_agendas

BATCH = 2000

# Fields whose Python values psycopg writes as they are (their text form is what
# PostgreSQL reads); the others go through get_db_prep_save (JSON, arrays, ...).
PLAIN_FIELDS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "DecimalField",
        "FloatField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)
PLAIN_VALUES = (str, int, float, bool, date, datetime, Decimal)


def insert_rows(model: type[Model], rows: Sequence[Model]) -> None:
    """Write `rows` (new instances of `model`) and give them their primary keys."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(rows, batch_size=BATCH)
        return
    after = _after_bulk_create(model)
    copy_rows(model, rows)
    after(rows)


def copy_rows(model: type[Model], rows: Sequence[Model]) -> None:
    """COPY `rows` into the model's table (PostgreSQL only), primary keys first."""
    opts = model._meta
    if opts.parents:
        raise TypeError(f"{opts.label}: multi-table inheritance is not written by COPY.")
    pk = opts.pk
    assert pk is not None
    if any(row.pk is None for row in rows):
        if not getattr(pk, "db_returning", False):
            raise TypeError(f"{opts.label}: rows without a primary key and no sequence.")
        first = _reserve_keys(opts.db_table, pk.column, len(rows))
        for offset, row in enumerate(rows):
            if row.pk is None:
                row.pk = first + offset
    fields = [f for f in opts.concrete_fields if not f.generated]
    readers = [_reader(field) for field in fields]
    related = [f for f in fields if f.is_relation and (f.many_to_one or f.one_to_one)]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(opts.db_table)
    db = connection.alias
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            for field in related:
                if getattr(row, field.attname) is None:
                    parent = field.get_cached_value(row, default=None)  # type: ignore[attr-defined]
                    if parent is not None:
                        setattr(row, field.attname, parent.pk)
            copy.write_row([read(row) for read in readers])
            row._state.adding = False
            row._state.db = db


def _reader(field: Field[Any, Any]) -> Callable[[Model], Any]:
    attname = field.attname
    if type(field).pre_save is not Field.pre_save:
        return lambda row: field.get_db_prep_save(field.pre_save(row, True), connection)
    if field.get_internal_type() not in PLAIN_FIELDS:
        return lambda row: field.get_db_prep_save(getattr(row, attname), connection)

    def read(row: Model) -> Any:
        value = getattr(row, attname)
        if value is None or type(value) in PLAIN_VALUES:
            return value
        if isinstance(value, str):
            return str(value)  # a TextChoices member: its value
        return field.get_db_prep_save(value, connection)

    return read


def _reserve_keys(table: str, column: str, count: int) -> int:
    """The first of `count` consecutive values taken from the column's sequence."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(s, nextval(s) + %s - 1) - %s + 1 "
            "FROM pg_get_serial_sequence(%s, %s) AS s",
            [count, count, table, column],
        )
        (first,) = cursor.fetchone()
    return int(first)


def _after_bulk_create(model: type[Model]) -> Callable[[Sequence[Model]], object]:
    """What the model's own bulk_create does after inserting, done after COPY."""
    queryset = type(model._default_manager.get_queryset())
    if issubclass(queryset, AgendaItemQuerySet):
        return lambda rows: bump_agendas(Q(pk__in={row.meeting_id for row in rows}))  # type: ignore[attr-defined]
    if issubclass(queryset, BulkSignalQuerySet):
        return lambda _rows: rows_changed_in_bulk.send(sender=model)
    if queryset.bulk_create is not QuerySet.bulk_create:
        raise TypeError(f"{model._meta.label}: its bulk_create does more than insert.")
    return lambda _rows: None
