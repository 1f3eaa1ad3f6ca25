"""Storefront search on PostgreSQL, answered by indexes (guyub/sales/storefront/search.py).

- `catalog_product.search_vector`: name (A), maker's business name (B), description
  (C), kept by a BEFORE trigger whatever writes the row (forms, bulk imports, raw SQL);
  a maker renaming their business refreshes their products' vectors.
- `sales_searchword`: the words of the cooperative's products and bundles, added by
  AFTER triggers, looked up with a trigram index to correct typos. Words are never
  removed: a word no product uses any more only widens a search that then finds
  nothing more. It has no foreign key on purpose: test database flushes truncate
  Django's tables only, and a key pointing at core_cooperative would stop them.
- The trigram and full-text indexes of migration 0002 on catalog_product are dropped:
  search no longer compares the query with each product's text.

Nothing happens on SQLite (substring search there).
"""

from django.db import migrations

FORWARD = r"""
ALTER TABLE catalog_product ADD COLUMN search_vector tsvector;

CREATE TABLE sales_searchword (
    cooperative_id bigint NOT NULL,
    word text NOT NULL,
    PRIMARY KEY (cooperative_id, word)
);
CREATE INDEX sales_searchword_trgm ON sales_searchword USING gin (word gin_trgm_ops);

CREATE FUNCTION guyub_product_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(
            (SELECT business_name FROM members_member WHERE id = NEW.member_id), '')), 'B')
        || setweight(to_tsvector('simple', coalesce(NEW.description, '')), 'C');
    RETURN NEW;
END $$;

CREATE FUNCTION guyub_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'catalog_product' THEN
        INSERT INTO sales_searchword (cooperative_id, word)
        SELECT NEW.cooperative_id, w FROM unnest(tsvector_to_array(NEW.search_vector)) AS w
        ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO sales_searchword (cooperative_id, word)
        SELECT NEW.cooperative_id, w FROM unnest(tsvector_to_array(to_tsvector('simple',
            coalesce(NEW.name, '') || ' ' || coalesce(NEW.description, '')))) AS w
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION guyub_member_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Touching member_id fires the products' BEFORE trigger, which reads the new name.
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

UPDATE catalog_product SET member_id = member_id;
INSERT INTO sales_searchword (cooperative_id, word)
SELECT cooperative_id, w FROM catalog_bundle,
    unnest(tsvector_to_array(to_tsvector('simple', name || ' ' || description))) AS w
ON CONFLICT DO NOTHING;

CREATE INDEX catalog_product_search ON catalog_product USING gin (search_vector);
DROP INDEX IF EXISTS catalog_product_name_trgm;
DROP INDEX IF EXISTS catalog_product_text_fts;
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS member_search_vector ON members_member;
DROP TRIGGER IF EXISTS bundle_search_words ON catalog_bundle;
DROP TRIGGER IF EXISTS product_search_words_update ON catalog_product;
DROP TRIGGER IF EXISTS product_search_words_insert ON catalog_product;
DROP TRIGGER IF EXISTS product_search_vector ON catalog_product;
DROP FUNCTION IF EXISTS guyub_member_search_vector();
DROP FUNCTION IF EXISTS guyub_search_words();
DROP FUNCTION IF EXISTS guyub_product_search_vector();
DROP TABLE IF EXISTS sales_searchword;
ALTER TABLE catalog_product DROP COLUMN IF EXISTS search_vector;
CREATE INDEX IF NOT EXISTS catalog_product_name_trgm ON catalog_product
    USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS catalog_product_text_fts ON catalog_product
    USING gin (to_tsvector('simple'::regconfig, name || ' ' || description));
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

    dependencies = [("sales", "0002_storefront_search")]

    operations = [migrations.RunPython(forward, backward)]
