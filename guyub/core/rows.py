"""Model rows written and read with SQL derived once from the model, for the few hot
paths where composing and compiling a query through the QuerySet took longer than the
database took to run it: every API call's token check and placing an order
(bench/sales_throughput.py; on a 2-core machine the ORM's share of an order was about
two thirds of its time).

The models still define every table and column: insert, columns and build name none
by hand, nor do update_from_values and copy_rows, which write the many rows of a
purchase round's close (its named statements: purchasing/rounds/statements.py).
execute runs those statements and the other hand-written ones of these paths and of
the storefront search, prepared on PostgreSQL. What the QuerySet would add and
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


# --- many rows at once: the close of a purchase round --------------------------------------

# What a VALUES column is cast to, so PostgreSQL knows what it holds (a bare parameter
# is text to it); by the model field's internal type.
_VALUES_TYPES = {"DecimalField": "NUMERIC", "IntegerField": "INTEGER",
                 "PositiveIntegerField": "INTEGER", "PositiveSmallIntegerField": "INTEGER",
                 "SmallIntegerField": "INTEGER", "BigIntegerField": "BIGINT"}


def update_from_values(model: type[Model], objs: list, fields: list[str], *,
                       cooperative: int, batch: int = 1000) -> None:
    """UPDATE `fields` of many rows of one cooperative to each object's own values (any
    object with `pk` and those attributes), one statement per `batch` rows: the table
    joined to a VALUES list (PostgreSQL, and SQLite from 3.33). Django's bulk_update
    builds a CASE WHEN per row and field, which took over 30 s for 10,000 rows of a
    purchase round's shares. Rows of another cooperative are left alone."""
    if not objs:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    tenant = quote(model._meta.get_field("cooperative").column)
    model_fields = [model._meta.get_field(f) for f in fields]
    names = [f"v{n}" for n in range(len(fields))]
    row = ("(%s, " + ", ".join(f"CAST(%s AS {_VALUES_TYPES[f.get_internal_type()]})"
                               for f in model_fields) + ")")
    assignments = ", ".join(f"{quote(f.column)} = v.{name}"
                            for f, name in zip(model_fields, names, strict=True))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch):
            chunk = objs[start:start + batch]
            params = []
            for obj in chunk:
                params.append(obj.pk)
                params.extend(getattr(obj, f) for f in fields)
            params.append(cooperative)
            cursor.execute(
                f"WITH v(id, {', '.join(names)}) AS (VALUES {', '.join([row] * len(chunk))}) "
                f"UPDATE {table} SET {assignments} FROM v "
                f"WHERE {table}.{pk} = v.id AND {table}.{tenant} = %s",
                params)


def copy_rows(model: type[Model], fields: list[str], values) -> None:
    """Write new rows of `model`: `fields` (names or attnames, the cooperative among
    them) and one tuple of values per row. On PostgreSQL one COPY, a tenth of the time
    of bulk_create, which prepares every value of every row; elsewhere bulk_create in
    batches. No primary keys come back, no defaults are filled in: every column not
    named must have a database default or be nullable."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(fields, row, strict=True)))
                                   for row in values], batch_size=1000)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)
