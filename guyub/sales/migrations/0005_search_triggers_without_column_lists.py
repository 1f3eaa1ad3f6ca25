"""The search triggers of migration 0003 decide inside their functions whether a row's
words changed, instead of by `UPDATE OF <columns>` and `WHEN` clauses.

A trigger that names columns makes PostgreSQL refuse any later change of those columns'
type or length ("cannot alter type of a column used in a trigger definition"), so a
future AlterField(max_length=...) on a product's name or a member's business name would
fail on PostgreSQL only. The functions now compare OLD and NEW themselves; a stock
update still costs only that comparison.

Nothing happens on SQLite.
"""

from django.db import migrations

DROP = r"""
DROP TRIGGER IF EXISTS member_search_vector ON members_member;
DROP TRIGGER IF EXISTS bundle_search_words ON catalog_bundle;
DROP TRIGGER IF EXISTS product_search_words_update ON catalog_product;
DROP TRIGGER IF EXISTS product_search_words_insert ON catalog_product;
DROP TRIGGER IF EXISTS product_search_vector ON catalog_product;
"""

FORWARD = DROP + r"""
CREATE OR REPLACE FUNCTION guyub_product_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.name IS NOT DISTINCT FROM OLD.name
            AND NEW.description IS NOT DISTINCT FROM OLD.description
            AND NEW.member_id IS NOT DISTINCT FROM OLD.member_id
            AND NOT coalesce(current_setting('guyub.refresh_search', true), '') = 'on' THEN
        RETURN NEW;  -- stock, price, status...: the words are the same
    END IF;
    NEW.search_vector :=
        setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(
            (SELECT business_name FROM members_member WHERE id = NEW.member_id), '')), 'B')
        || setweight(to_tsvector('simple', coalesce(NEW.description, '')), 'C');
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION guyub_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'catalog_product' THEN
        IF TG_OP = 'UPDATE' AND NEW.search_vector IS NOT DISTINCT FROM OLD.search_vector THEN
            RETURN NULL;
        END IF;
        INSERT INTO sales_searchword (cooperative_id, word)
        SELECT NEW.cooperative_id, w FROM unnest(tsvector_to_array(NEW.search_vector)) AS w
        ON CONFLICT DO NOTHING;
    ELSE
        IF TG_OP = 'UPDATE' AND NEW.name IS NOT DISTINCT FROM OLD.name
                AND NEW.description IS NOT DISTINCT FROM OLD.description THEN
            RETURN NULL;
        END IF;
        INSERT INTO sales_searchword (cooperative_id, word)
        SELECT NEW.cooperative_id, w FROM unnest(tsvector_to_array(to_tsvector('simple',
            coalesce(NEW.name, '') || ' ' || coalesce(NEW.description, '')))) AS w
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION guyub_member_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.business_name IS NOT DISTINCT FROM OLD.business_name THEN
        RETURN NULL;
    END IF;
    -- The products' BEFORE trigger reads the new name; the setting tells it to, although
    -- none of the product's own columns changes.
    PERFORM set_config('guyub.refresh_search', 'on', true);
    UPDATE catalog_product SET member_id = member_id WHERE member_id = NEW.id;
    PERFORM set_config('guyub.refresh_search', '', true);
    RETURN NULL;
END $$;

CREATE TRIGGER product_search_vector BEFORE INSERT OR UPDATE ON catalog_product
    FOR EACH ROW EXECUTE FUNCTION guyub_product_search_vector();
CREATE TRIGGER product_search_words AFTER INSERT OR UPDATE ON catalog_product
    FOR EACH ROW EXECUTE FUNCTION guyub_search_words();
CREATE TRIGGER bundle_search_words AFTER INSERT OR UPDATE ON catalog_bundle
    FOR EACH ROW EXECUTE FUNCTION guyub_search_words();
CREATE TRIGGER member_search_vector AFTER UPDATE ON members_member
    FOR EACH ROW EXECUTE FUNCTION guyub_member_search_vector();
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS member_search_vector ON members_member;
DROP TRIGGER IF EXISTS bundle_search_words ON catalog_bundle;
DROP TRIGGER IF EXISTS product_search_words ON catalog_product;
DROP TRIGGER IF EXISTS product_search_vector ON catalog_product;

CREATE OR REPLACE FUNCTION guyub_product_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(
            (SELECT business_name FROM members_member WHERE id = NEW.member_id), '')), 'B')
        || setweight(to_tsvector('simple', coalesce(NEW.description, '')), 'C');
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION guyub_member_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_product SET member_id = member_id WHERE member_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER product_search_vector
    BEFORE INSERT OR UPDATE OF name, description, member_id ON catalog_product
    FOR EACH ROW EXECUTE FUNCTION guyub_product_search_vector();
CREATE TRIGGER product_search_words_insert
    AFTER INSERT ON catalog_product
    FOR EACH ROW EXECUTE FUNCTION guyub_search_words();
CREATE TRIGGER product_search_words_update
    AFTER UPDATE OF name, description, member_id ON catalog_product
    FOR EACH ROW WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector)
    EXECUTE FUNCTION guyub_search_words();
CREATE TRIGGER bundle_search_words
    AFTER INSERT OR UPDATE OF name, description ON catalog_bundle
    FOR EACH ROW EXECUTE FUNCTION guyub_search_words();
CREATE TRIGGER member_search_vector
    AFTER UPDATE OF business_name ON members_member
    FOR EACH ROW WHEN (OLD.business_name IS DISTINCT FROM NEW.business_name)
    EXECUTE FUNCTION guyub_member_search_vector();
"""


def _run(schema_editor, sql: str) -> None:
    # Several statements: sent without parameters, which psycopg allows only so.
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)


def forward(apps, schema_editor):
    _run(schema_editor, FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, BACKWARD)


class Migration(migrations.Migration):

    dependencies = [("sales", "0004_order_counter")]

    operations = [migrations.RunPython(forward, backward)]
