"""Reads of the bundle pages."""

from guyub.catalog.selectors import bundle_shares, bundles_with_items, stock_of


def bundle_overview() -> list[dict]:
    """The bundle list: each bundle with its items, stock and members' shares."""
    rows = []
    for bundle in bundles_with_items():
        items = list(bundle.items.all())
        rows.append({"bundle": bundle, "items": items, "stock": stock_of(items),
                     "shares": bundle_shares(bundle)})
    return rows
