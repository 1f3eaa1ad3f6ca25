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
searches by substring, forgiving typos with close_spellings below (storefront._search).
"""

import difflib
from dataclasses import dataclass

from django.db.models import BooleanField, Expression, FloatField

from guyub.core import rows

# Trigram similarity from which a catalogue word counts as the query word misspelt:
# "kripik" ~ "keripik" 0.5, "sambel" ~ "sambal" 0.4; "kopyah" ~ "kopi" 0.33 is another
# word. The trigram index answers `%` at pg_trgm's default limit (0.3, looser than
# this), so no session setting is needed.
SIMILARITY = 0.36
SPELLINGS = 4  # at most this many spellings of one query word
MIN_PREFIX = 2  # shorter words match only whole words
CANDIDATES = 12  # catalogue words looked up per query word

_WORDS_SQL = """
SELECT q.w, s.word, s.sim
FROM (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple'::regconfig, %s))) AS w) q
LEFT JOIN LATERAL (
    SELECT word, similarity(word, q.w) AS sim
    FROM sales_searchword
    WHERE cooperative_id = %s
      AND (word = q.w
           OR (length(q.w) >= %s AND word LIKE replace(replace(replace(q.w, '\\', '\\\\'),
                                                        '%%', '\\%%'), '_', '\\_') || '%%')
           OR word %% q.w)
    ORDER BY word = q.w DESC, starts_with(word, q.w) DESC, sim DESC, word
    LIMIT %s
) s ON true
"""


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
        return self.template.format(table=table), [self.query.tsquery]


class Matches(_Searched):
    """The product's indexed vector matches the query."""

    output_field = BooleanField()
    template = "({table}.\"search_vector\" @@ to_tsquery('simple'::regconfig, %s))"


class Rank(_Searched):
    """ts_rank of the match: name words weigh most, then the maker's, then the
    description's."""

    output_field = FloatField()
    template = "ts_rank({table}.\"search_vector\", to_tsquery('simple'::regconfig, %s))"


class TextMatches(_Searched):
    """A bundle's name and description against the query (bundles are few: no index)."""

    output_field = BooleanField()
    template = ("(to_tsvector('simple'::regconfig, {table}.\"name\" || ' ' || "
                "{table}.\"description\") @@ to_tsquery('simple'::regconfig, %s))")


# --- a page of matching products ---------------------------------------------------------

# The storefront's search page in one statement, written out rather than built by the
# ORM: composing and compiling the equivalent queryset took longer than PostgreSQL took
# to answer it. It ranks every match by reading the match's vector alone, sorts, and only
# then joins what a card shows for the page's rows; the count rides on every row.
# Columns: storefront.CARD_COLUMNS, the first photo (image, thumbnail), the wholesale
# price from (NULL unless asked for) and the count. The listed-product conditions are
# storefront.listed_products()'s; tests/test_search_page.py holds both to the same answer.
_PAGE_SQL = """
WITH hits AS (
    SELECT p.id, p.name, ts_rank(p.search_vector, query) AS rank
    FROM catalog_product p
    JOIN members_member m ON m.id = p.member_id,
         to_tsquery('simple'::regconfig, %(tsquery)s) query
    WHERE p.cooperative_id = %(cooperative)s AND p.status = 'approved' AND p.stock > 0
      AND m.status = 'active' AND p.search_vector @@ query {filters}
), page AS (
    SELECT id, rank, name FROM hits ORDER BY rank DESC, name, id LIMIT %(limit)s OFFSET %(offset)s
)
SELECT p.id, p.name, p.price, p.stock, p.unit, p.min_order_qty, c.name,
       m.id, m.business_name, m.regency, m.province, photo.image, photo.thumbnail,
       {wholesale}, (SELECT count(*) FROM hits)
FROM page
JOIN catalog_product p ON p.id = page.id
JOIN members_member m ON m.id = p.member_id
JOIN catalog_category c ON c.id = p.category_id
LEFT JOIN LATERAL (
    SELECT image, thumbnail FROM catalog_productphoto ph
    WHERE ph.product_id = p.id ORDER BY ph.position, ph.id LIMIT 1
) photo ON true
ORDER BY page.rank DESC, page.name, page.id
"""
_FILTERS = {"category": "p.category_id = %(category)s", "member": "p.member_id = %(member)s",
            "province": "m.province = %(province)s", "regency": "m.regency = %(regency)s"}
_WHOLESALE = "(SELECT min(t.price) FROM catalog_pricetier t WHERE t.product_id = p.id)"


def product_page(cooperative_id: int, query: Query, *, offset: int, limit: int | None,
                 business: bool = False, **filters) -> list[tuple]:
    """Rows of the products matching `query`, best first, [offset:offset + limit];
    `filters`: category, member (ids), province, regency (codes), each when not empty."""
    used = {name: value for name, value in filters.items() if value}
    sql = _PAGE_SQL.format(
        filters="".join(f" AND {_FILTERS[name]}" for name in used),
        wholesale=_WHOLESALE if business else "NULL::numeric")
    return rows.execute(sql, {"tsquery": query.tsquery, "cooperative": cooperative_id,
                       "limit": limit, "offset": offset, **used})


def bundle_heads(cooperative_id: int, query: Query) -> list[tuple]:
    """(id, name, price) of the active bundles matching `query`, by name: the storefront
    listing's first step (written out for the same reason as the product page)."""
    matches = TextMatches.template.format(table="catalog_bundle")
    return rows.execute(f"SELECT id, name, price FROM catalog_bundle WHERE cooperative_id = %s"
                 f" AND active AND {matches} ORDER BY name, id", [cooperative_id, query.tsquery])


# --- SQLite: the same forgiveness, in Python ---------------------------------------------

CLOSE_RATIO = 0.8  # difflib's ratio: "kripik"/"keripik" 0.92, "sambel"/"sambal" 0.83


def close_spellings(words: list[str], vocabulary) -> list[list[str]]:
    """Each query word with the catalogue's words like it ("kripik": keripik), for the
    substring search SQLite does. `vocabulary` is called only when a word needs it."""
    known = None
    result = []
    for word in (w.lower() for w in words):
        spellings = [word]
        if len(word) >= 4:
            known = known if known is not None else sorted(vocabulary())
            if not any(word in k for k in known):
                spellings += difflib.get_close_matches(word, known, n=SPELLINGS,
                                                       cutoff=CLOSE_RATIO)
        result.append(spellings)
    return result
