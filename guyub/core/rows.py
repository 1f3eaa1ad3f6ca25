"""Model rows written and read with SQL derived once from the model, for the few hot
paths where composing and compiling a query through the QuerySet took longer than the
database took to run it: every API call's token check and placing an order
(bench/sales_throughput.py; on a 2-core machine the ORM's share of an order was about
two thirds of its time).

The models still define every table and column: insert, columns and build name none
by hand. execute runs those statements and the other hand-written ones of these paths
and of the storefront search, prepared on PostgreSQL. What the QuerySet would add and
these do not: django-scopes' tenant filter (callers insert rows with their cooperative
set and read by keys they already hold, or name the cooperative in their SQL), and the
save signals (no model written here has receivers).
"""

from functools import cache

import psycopg
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.utils import CursorDebugWrapper
from django.db.models import Model
from psycopg.pq import ExecStatus

TUPLES_OK = ExecStatus.TUPLES_OK


def execute(sql: str, params=()) -> list[tuple]:
    """Run a statement and return its rows (none for a statement without). On
    PostgreSQL it is prepared: parsed once per connection and, where PostgreSQL judges
    a generic plan as good, planned once (the storefront search's page query took
    longer to plan than to run). Django's own queries are never prepared (they bind
    their values on the client); psycopg prepares only when settings.py gives it a
    threshold (DATABASE_PREPARED_STATEMENTS; PgBouncer in transaction mode needs 1.22
    or later with max_prepared_statements set, README). Logged like Django's queries,
    so that the tests counting queries see these; execute_wrapper hooks do not."""
    db = connections[DEFAULT_DB_ALIAS]  # the proxy resolves itself on every attribute
    if db.vendor != "postgresql":
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []
    db.ensure_connection()
    db.validate_no_broken_transaction()  # as connection.cursor() would
    db.validate_thread_sharing()
    with db.wrap_database_errors, psycopg.Cursor(db.connection) as cursor:
        if db.queries_logged:
            with CursorDebugWrapper(cursor, db).debug_sql(sql, params):
                cursor.execute(sql, params, prepare=True)
        else:
            cursor.execute(sql, params, prepare=True)
        # Not cursor.description: it describes every column (65 for the token check).
        return cursor.fetchall() if cursor.pgresult.status == TUPLES_OK else []


@cache
def _insert_fields(model: type[Model]) -> tuple:
    return tuple(f for f in model._meta.concrete_fields if f is not model._meta.auto_field)


def insert(objs: list[Model]) -> None:
    """INSERT unsaved instances of one model, as bulk_create would (defaults, auto_now
    fields, each field's conversion for the database; in batches the database takes),
    and set their primary keys."""
    if not objs:
        return
    model = type(objs[0])
    fields = _insert_fields(model)
    if not connection.features.can_return_rows_from_bulk_insert:  # SQLite before 3.35
        for obj in objs:
            obj.save(force_insert=True)
        return
    quote = connection.ops.quote_name
    head = (f"INSERT INTO {quote(model._meta.db_table)} "
            f"({', '.join(quote(f.column) for f in fields)}) VALUES ")
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(connection.ops.bulk_batch_size(fields, objs), 1)
    for start in range(0, len(objs), size):
        batch = objs[start:start + size]
        keys = execute(
            f"{head}{', '.join([row] * len(batch))} RETURNING {quote(model._meta.pk.column)}",
            [f.get_db_prep_save(f.pre_save(obj, True), connection)
             for obj in batch for f in fields])
        for obj, (pk,) in zip(batch, keys, strict=True):
            obj.pk = pk
            obj._state.adding, obj._state.db = False, connection.alias


@cache
def _attnames(model: type[Model]) -> tuple[str, ...]:
    return tuple(f.attname for f in model._meta.concrete_fields)


def columns(model: type[Model], alias: str) -> str:
    """The model's columns as a SELECT list, for `build`."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(model._meta.get_field(name).column)}"
                     for name in _attnames(model))


def build(model: type[Model], row, start: int = 0) -> tuple[Model, int]:
    """An instance from row[start:] as `columns` selected it, and where the next
    model's columns start. The values go through the fields' converters, as a
    QuerySet's would."""
    names = _attnames(model)
    end = start + len(names)
    values = list(row[start:end])
    for i, field in enumerate(model._meta.concrete_fields):
        col, converters = _converters(field)
        for converter in converters:
            values[i] = converter(values[i], col, connection)
    return model.from_db(connection.alias, names, values), end


@cache
def _converters(field) -> tuple:
    """The field's column and the converters a QuerySet would apply to it (one database
    backend per process: the converters are the same for every connection)."""
    col = field.cached_col
    return col, (*connection.ops.get_db_converters(col), *col.get_db_converters(connection))
