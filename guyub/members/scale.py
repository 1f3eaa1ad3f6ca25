"""UMKM business scale by PP 7/2021 (pure function, no database).

Capital (excluding land and buildings): micro ≤ Rp1 M, small ≤ Rp5 M, medium ≤ Rp10 M.
Annual sales: micro ≤ Rp2 M, small ≤ Rp15 M, medium ≤ Rp50 M (M = miliar).
Where both figures are known the business is placed at the higher of the two
scales they give: a business does not stay "mikro" once either figure has
outgrown it.
"""

from decimal import Decimal

MILIAR = Decimal("1000000000")

MIKRO, KECIL, MENENGAH, BESAR = "mikro", "kecil", "menengah", "besar"
ORDER = [MIKRO, KECIL, MENENGAH, BESAR]

CAPITAL_LIMITS = [(1 * MILIAR, MIKRO), (5 * MILIAR, KECIL), (10 * MILIAR, MENENGAH)]
SALES_LIMITS = [(2 * MILIAR, MIKRO), (15 * MILIAR, KECIL), (50 * MILIAR, MENENGAH)]


def _by_limits(amount: Decimal, limits) -> str:
    for limit, scale in limits:
        if amount <= limit:
            return scale
    return BESAR


def umkm_scale(capital: Decimal | None, annual_sales: Decimal | None) -> str:
    """Return 'mikro', 'kecil', 'menengah' or 'besar'; '' when neither figure is known."""
    scales = []
    if capital is not None:
        scales.append(_by_limits(capital, CAPITAL_LIMITS))
    if annual_sales is not None:
        scales.append(_by_limits(annual_sales, SALES_LIMITS))
    if not scales:
        return ""
    return max(scales, key=ORDER.index)
