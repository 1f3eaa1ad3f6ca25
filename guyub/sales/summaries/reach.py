"""Market reach of an order, derived from its shipping address against the
cooperative's own region (no database query; a SQL expression).

Derived when reading, not stored on the order: the address is where the data is, every
order already has it, and a stored reach would need a back-fill of every past order and
would go stale if the cooperative recorded its region differently (the summaries keep
the region they were built with and rebuild when it changes).
  local     same province and the city/regency the cooperative names as its own
  regional  same province, another regency
  national  another province of Indonesia
  export    shipped abroad
"""

from django.db.models import Case, CharField, Q, Value, When
from django.utils.translation import gettext_lazy as _

REACH = {"local": _("Lokal"), "regional": _("Regional"), "national": _("Nasional"),
         "export": _("Ekspor")}


def region_of(cooperative) -> str:
    return f"{cooperative.province}/{cooperative.regency.strip().lower()}"


def reach_of(cooperative, prefix: str = "") -> Case:
    """`prefix`: the path to the order from the model queried ("order__")."""
    def f(name):
        return prefix + name
    return Case(
        When(~Q(**{f("country"): "ID"}), then=Value("export")),
        When(Q(**{f("province"): cooperative.province,
                  f("city__iexact"): cooperative.regency.strip()}), then=Value("local")),
        When(**{f("province"): cooperative.province}, then=Value("regional")),
        default=Value("national"), output_field=CharField())
