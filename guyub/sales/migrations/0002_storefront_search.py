"""Storefront search on PostgreSQL: the pg_trgm extension and the indexes the search
of the storefront (guyub/sales/storefront/) uses. Nothing happens on SQLite (substring search there).

The full-text expression must stay exactly that of storefront.ProductText,
name || ' ' || description, or PostgreSQL will not use the index.
"""

from django.db import migrations

INDEXES = [
    ("catalog", "Product", "catalog_product_name_trgm", "USING gin (name gin_trgm_ops)"),
    ("catalog", "Product", "catalog_product_text_fts",
     "USING gin (to_tsvector('simple'::regconfig, name || ' ' || description))"),
    ("members", "Member", "members_member_business_trgm",
     "USING gin (business_name gin_trgm_ops)"),
    ("catalog", "Bundle", "catalog_bundle_name_trgm", "USING gin (name gin_trgm_ops)"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for app, model, name, using in INDEXES:
        table = apps.get_model(app, model)._meta.db_table
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" {using}')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _app, _model, name, _using in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    # The extension stays: other parts of the database may use it by then.


class Migration(migrations.Migration):

    dependencies = [
        ("sales", "0001_initial"),
        ("catalog", "0002_default_channels_for_existing"),
        ("members", "0002_simpananaccount_simpanantransaction"),
    ]

    operations = [migrations.RunPython(create, drop)]
