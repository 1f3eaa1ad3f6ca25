"""Storefront full-text search on PostgreSQL, tolerant of typos, answered by indexes.

Migration sales/0003 keeps, by triggers, whatever path writes a product:
- `catalog_product.search_vector`: the product's name (weight A), its maker's business
  name (B) and its description (C), with a GIN index;
- `sales_searchword`: every word the cooperative's products and bundles use, with a
  trigram index.

A search first looks the query's words up in that small word table (one query): a word
the catalogue uses as is, or as the start of longer words, stands for those words
("kop" finds "kopi"), and the catalogue's words that look like it are added beside it
("kripik" also finds "keripik"); a word like nothing in the catalogue is dropped, so
one odd word does not empty the page. The products are then one
full-text match on the indexed vector: every kept word must match (AND), any of its
spellings may (OR). Comparing the query with every product's text instead, as
trigram similarity on the product table does, costs a scan of the catalogue.
The page of products is one prepared statement (product_page).

Neither the column nor the table is a Django field or model: they exist on
PostgreSQL only and are written by the database. SQLite, the embedded default,
searches by substring, forgiving typos with spelling.close_spellings (matching.py).
Every other table and column is named from the models.
"""

from dataclasses import dataclass
from functools import cache

from django.db.models import BooleanField, Expression, FloatField

from guyub.catalog.models import Bundle, Category, PriceTier, Product, ProductPhoto
from guyub.core import rows
from guyub.members.models import Member

from .spelling import SPELLINGS

# Written by the database (migration sales/0003), not models: named here, once.
WORD_TABLE = "sales_searchword"  # (cooperative_id, word)
VECTOR = "search_vector"  # catalog_product's indexed tsvector

# Trigram similarity from which a catalogue word counts as the query word misspelt:
# "kripik" ~ "keripik" 0.5, "sambel" ~ "sambal" 0.4; "kopyah" ~ "kopi" 0.33 is another
# word. The trigram index answers `%` at pg_trgm's default limit (0.3, looser than
# this), so no session setting is needed.
SIMILARITY = 0.36
MIN_PREFIX = 2  # shorter words match only whole words
CANDIDATES = 12  # catalogue words looked up per query word

_WORDS_SQL_TEMPLATE = """
SELECT q.w, s.word, s.sim
FROM (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple'::regconfig, %s))) AS w) q
LEFT JOIN LATERAL (
    SELECT word, similarity(word, q.w) AS sim
    FROM {words}
    WHERE cooperative_id = %s
      AND (word = q.w
           OR (length(q.w) >= %s AND word LIKE replace(replace(replace(q.w, '\\', '\\\\'),
                                                        '%%', '\\%%'), '_', '\\_') || '%%')
           OR word %% q.w)
    ORDER BY word = q.w DESC, starts_with(word, q.w) DESC, sim DESC, word
    LIMIT %s
) s ON true
"""


_WORDS_SQL = _WORDS_SQL_TEMPLATE.replace("{words}", WORD_TABLE)


def _quote(word: str) -> str:
    """A lexeme as a tsquery operand: quoted, so that punctuation stays part of it."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


@dataclass(frozen=True)
class Query:
    """A search made ready for the database: `tsquery` for to_tsquery('simple', ...),
    empty when no word of the query is like anything in the catalogue."""

    tsquery: str

    def __bool__(self) -> bool:
        return bool(self.tsquery)


def prepare(cooperative_id: int, q: str) -> Query:
    """Look the query's words up in the catalogue's words (one query)."""
    found: dict[str, list] = {}
    for w, word, sim in rows.execute(_WORDS_SQL, [q, cooperative_id, MIN_PREFIX, CANDIDATES]):
        found.setdefault(w, [])
        if word is not None:
            found[w].append((word, sim))
    terms = []
    for w in sorted(found):
        terms_of_w = _spellings(w, found[w])
        if terms_of_w:
            terms.append("(" + " | ".join(terms_of_w) + ")")
    return Query(" & ".join(terms))


def _spellings(w: str, candidates: list) -> list[str]:
    terms = []
    if len(w) >= MIN_PREFIX:
        # The catalogue's words that start with the word as typed ("kop": kopi), named
        # one by one: the GIN index answers a few plain words with a bitmap scan, while
        # for a prefix (kop:*) the planner reads the whole catalogue (3 times slower
        # for "kopi"). The lookup sorts these words first, so the list is whole unless
        # they filled every place; then the prefix it is.
        starting = [word for word, _sim in candidates if word.startswith(w)]
        whole = len(candidates) < CANDIDATES or len(starting) < len(candidates)
        if starting:
            terms += [_quote(word) for word in starting] if whole else [_quote(w) + ":*"]
    elif any(word == w for word, _sim in candidates):
        terms.append(_quote(w))
    # ... and the words like it beside it all the same: the table also keeps words of
    # drafts and of names since changed ("kripik" after a rename to "Keripik"), which
    # would otherwise stop the correction to what is on sale.
    similar = [word for word, sim in candidates
               if sim is not None and sim >= SIMILARITY and not word.startswith(w)]
    return terms + [_quote(word) for word in similar[:SPELLINGS]]


class _Searched(Expression):
    """An SQL expression over the query's base table and a prepared Query."""

    template = ""

    def __init__(self, query: Query):
        super().__init__()
        self.query = query

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(table=table, **_columns()), [self.query.tsquery]


class Matches(_Searched):
    """The product's indexed vector matches the query."""

    output_field = BooleanField()
    template = "({table}.\"{vector}\" @@ to_tsquery('simple'::regconfig, %s))"


class Rank(_Searched):
    """ts_rank of the match: name words weigh most, then the maker's, then the
    description's."""

    output_field = FloatField()
    template = "ts_rank({table}.\"{vector}\", to_tsquery('simple'::regconfig, %s))"


class TextMatches(_Searched):
    """A bundle's name and description against the query (bundles are few: no index)."""

    output_field = BooleanField()
    template = ("(to_tsvector('simple'::regconfig, {table}.\"{bundle_name}\" || ' ' || "
                "{table}.\"{bundle_description}\") @@ to_tsquery('simple'::regconfig, %s))")


# --- a page of matching products ---------------------------------------------------------

# The storefront's search page in one statement, written out rather than built by the
# ORM: composing and compiling the equivalent queryset took longer than PostgreSQL took
# to answer it. It ranks every match by reading the match's vector alone, sorts, and only
# then joins what a card shows for the page's rows; the count rides on every row.
# Columns: listing.CARD_COLUMNS, the first photo (image, thumbnail), the wholesale
# price from (NULL unless asked for) and the count. The listed-product conditions are
# catalogue.listed_products()'s; tests/test_search_page.py holds both to the same answer.
_PAGE_SQL = """
WITH hits AS (
    SELECT p.{p_id} AS id, p.{p_name} AS name, ts_rank(p.{vector}, query) AS rank
    FROM {product} p
    JOIN {member} m ON m.{m_id} = p.{p_member},
         to_tsquery('simple'::regconfig, %(tsquery)s) query
    WHERE p.{p_cooperative} = %(cooperative)s AND p.{p_status} = '{approved}'
      AND p.{p_stock} > 0 AND m.{m_status} = '{active}' AND p.{vector} @@ query {{filters}}
), page AS (
    SELECT id, rank, name FROM hits ORDER BY rank DESC, name, id LIMIT %(limit)s OFFSET %(offset)s
)
SELECT p.{p_id}, p.{p_name}, p.{p_price}, p.{p_stock}, p.{p_unit}, p.{p_min_order_qty}, c.{c_name},
       m.{m_id}, m.{m_business_name}, m.{m_regency}, m.{m_province}, photo.{ph_image},
       photo.{ph_thumbnail}, {{wholesale}}, (SELECT count(*) FROM hits)
FROM page
JOIN {product} p ON p.{p_id} = page.id
JOIN {member} m ON m.{m_id} = p.{p_member}
JOIN {category} c ON c.{c_id} = p.{p_category}
LEFT JOIN LATERAL (
    SELECT {ph_image}, {ph_thumbnail} FROM {photo} ph
    WHERE ph.{ph_product} = p.{p_id} ORDER BY ph.{ph_position}, ph.{ph_id} LIMIT 1
) photo ON true
ORDER BY page.rank DESC, page.name, page.id
"""
_FILTERS = {"category": "p.{p_category} = %(category)s", "member": "p.{p_member} = %(member)s",
            "province": "m.{m_province} = %(province)s", "regency": "m.{m_regency} = %(regency)s"}
_WHOLESALE = ("(SELECT min(t.{t_price}) FROM {tier} t WHERE t.{t_product} = p.{p_id})")
_BUNDLES_SQL = ("SELECT {b_id}, {b_name}, {b_price} FROM {bundle} WHERE {b_cooperative} = %s"
                " AND {b_active} AND {{matches}} ORDER BY {b_name}, {b_id}")


@cache
def _columns() -> dict[str, str]:
    """The tables and columns the statements name, from the models (prefix: model)."""
    names = {"vector": VECTOR, "approved": Product.Status.APPROVED.value,
             "active": Member.Status.ACTIVE.value}
    for prefix, model, fields in (
            ("p", Product, ("id", "name", "price", "stock", "unit", "min_order_qty", "member",
                            "category", "cooperative", "status")),
            ("m", Member, ("id", "business_name", "regency", "province", "status")),
            ("c", Category, ("id", "name")),
            ("ph", ProductPhoto, ("id", "image", "thumbnail", "product", "position")),
            ("t", PriceTier, ("price", "product")),
            ("b", Bundle, ("id", "name", "price", "cooperative", "active"))):
        names.update({f"{prefix}_{name}": model._meta.get_field(name).column for name in fields})
    names.update(product=Product._meta.db_table, member=Member._meta.db_table,
                 category=Category._meta.db_table, photo=ProductPhoto._meta.db_table,
                 tier=PriceTier._meta.db_table, bundle=Bundle._meta.db_table,
                 bundle_name=names["b_name"],
                 bundle_description=Bundle._meta.get_field("description").column)
    return names


@cache
def _page_sql(filters: tuple[str, ...], business: bool) -> str:
    names = _columns()
    return _PAGE_SQL.format(**names).format(
        filters="".join(f" AND {_FILTERS[name].format(**names)}" for name in filters),
        wholesale=_WHOLESALE.format(**names) if business else "NULL::numeric")


def product_page(cooperative_id: int, query: Query, *, offset: int, limit: int | None,
                 business: bool = False, **filters) -> list[tuple]:
    """Rows of the products matching `query`, best first, [offset:offset + limit];
    `filters`: category, member (ids), province, regency (codes), each when not empty."""
    used = {name: value for name, value in filters.items() if value}
    return rows.execute(_page_sql(tuple(used), business),
                        {"tsquery": query.tsquery, "cooperative": cooperative_id,
                         "limit": limit, "offset": offset, **used})


@cache
def _bundles_sql() -> str:
    names = _columns()
    matches = TextMatches.template.format(table=names["bundle"], **names)
    return _BUNDLES_SQL.format(**names).format(matches=matches)


def bundle_heads(cooperative_id: int, query: Query) -> list[tuple]:
    """(id, name, price) of the active bundles matching `query`, by name: the storefront
    listing's first step (written out for the same reason as the product page)."""
    return rows.execute(_bundles_sql(), [cooperative_id, query.tsquery])
