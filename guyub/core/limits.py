"""The largest value a column holds, read from the model field it is stored in.

A maximum written by hand beside the code drifts from the column: a tender bid's pack
size was checked against 14 digits and stored in numeric(12,3), so 99999999999 passed
the check and failed in the database (a 500). Deriving every maximum from the field
keeps the check and the column one fact.
"""

from decimal import Decimal
from typing import Annotated

from pydantic import Field


def decimal_max(model, field_name: str) -> Decimal:
    """999…9.999 for a DecimalField(max_digits, decimal_places)."""
    field = model._meta.get_field(field_name)
    whole = field.max_digits - field.decimal_places
    return Decimal(10) ** whole - Decimal(1).scaleb(-field.decimal_places)


def fits_decimal(value: Decimal, model, field_name: str) -> bool:
    """Compared before any quantize(): quantizing 10^30 to 0.001 raises InvalidOperation
    (more than 28 digits), where the answer should simply be "too large"."""
    return value.is_finite() and abs(value) <= decimal_max(model, field_name)


# The widest integer column (bigint). Django's ORM answers "no such row" for a larger
# id, but a hand-written statement (core/rows.py) hands it to the database driver,
# which fails: ids the API takes in a body or a query are bounded here.
MAX_INTEGER = 2**63 - 1
RowId = Annotated[int, Field(ge=1, le=MAX_INTEGER)]
