"""The SHU policy: the portions' names and percentages (the percentages are the
cooperative's settings, core.Cooperative.shu_*_pct), and the by-laws' choices of
capital, business weights, exited members and where what is not shared goes."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative
from guyub.core.typed_text import clean_text

from ..models import ShuPolicy
from ..rules import PERCENT_PLACES
from ..selectors import PORTION_FIELD, PORTIONS, WEIGHTS

HUNDRED = Decimal(100)
NAME_MAX = 60
POLICY_FIELDS = ("capital_basis", "capital_includes_sukarela", "exited_members",
                 "non_member_to", "unclaimed_months", "unclaimed_to", "market_loan_rate",
                 *(f"weight_{kind}" for kind in WEIGHTS))
MAX_UNCLAIMED_MONTHS = 120


def percent(value, *, field: str) -> Decimal:
    """A percentage 0–100 with at most two decimals, or DomainError on `field`."""
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Persentase tidak valid."), field=field) from None
    if not value.is_finite() or value < 0 or value > HUNDRED:
        raise DomainError(_("Persentase antara 0 dan 100."), field=field)
    if value != value.quantize(PERCENT_PLACES):
        raise DomainError(_("Paling banyak dua angka di belakang koma."), field=field)
    return value


def check_sum(percentages: dict[str, Decimal]) -> dict[str, Decimal]:
    """Each portion's percentage checked, and their sum exactly 100 (the frequent error
    of a 105 % split is refused with the sum shown, in the settings' own words)."""
    checked = {key: percent(percentages.get(key, 0), field=PORTION_FIELD[key])
               for key, _field, _account in PORTIONS}
    total = sum(checked.values(), Decimal(0))
    if total != HUNDRED:
        raise DomainError(_("Pembagian SHU harus berjumlah tepat 100%%; sekarang %(total)s%%.")
                          % {"total": f"{total.normalize():f}"}, code="sum")
    return checked


def check_weights(weights: dict[str, Decimal]) -> dict[str, Decimal]:
    return {kind: percent(weights.get(kind, 0), field=f"weight_{kind}") for kind in WEIGHTS}


def _check_policy(settings: ShuPolicy) -> None:
    for name in ("capital_basis", "exited_members", "non_member_to", "unclaimed_to"):
        field = ShuPolicy._meta.get_field(name)
        if getattr(settings, name) not in {value for value, _label in field.choices}:
            raise DomainError(_("Pilihan tidak dikenal."), field=name)
    if not 1 <= int(settings.unclaimed_months or 0) <= MAX_UNCLAIMED_MONTHS:
        raise DomainError(_("Antara 1 dan %(n)s bulan.") % {"n": MAX_UNCLAIMED_MONTHS},
                          field="unclaimed_months")
    settings.market_loan_rate = percent(settings.market_loan_rate, field="market_loan_rate")
    check_weights({kind: getattr(settings, f"weight_{kind}") for kind in WEIGHTS})


def _names(names: dict[str, str]) -> dict[str, str]:
    """The cooperative's own portion names; blank keeps the usual name."""
    cleaned = {}
    for key, _field, _account in PORTIONS:
        text = clean_text(names.get(key, ""), field=f"name_{key}", limit=NAME_MAX,
                          required=False)
        if text:
            cleaned[key] = text
    return cleaned


@transaction.atomic
def save_policy(*, cooperative: Cooperative, actor, settings: ShuPolicy,
                percentages: dict[str, Decimal], names: dict[str, str]) -> ShuPolicy:
    """Save the policy (`settings`: an unsaved ShuPolicy holding the choices) and the
    portions' percentages on the cooperative, all or nothing."""
    checked = check_sum(percentages)
    _check_policy(settings)
    portion_names = _names(names)
    # The cooperative row first (the lock order of post_entry), so two boards saving at
    # once queue and neither overwrites half of the other's split.
    coop = Cooperative.objects.select_for_update(no_key=True).get(pk=cooperative.pk)
    row = ShuPolicy.objects.select_for_update().filter(cooperative=coop).first()
    row = row or ShuPolicy(cooperative=coop)
    changes = {}
    for key, value in checked.items():
        old = getattr(coop, PORTION_FIELD[key])
        if old != value:
            changes[key] = [f"{old.normalize():f}%", f"{value.normalize():f}%"]
            setattr(coop, PORTION_FIELD[key], value)
    for name in POLICY_FIELDS:
        old, new = getattr(row, name), getattr(settings, name)
        if row.pk is None or old != new:
            changes[name] = [str(old), str(new)]
            setattr(row, name, new)
    if row.portion_names != portion_names:
        changes["portion_names"] = [", ".join(row.portion_names.values()),
                                    ", ".join(portion_names.values())]
        row.portion_names = portion_names
    coop.save(update_fields=[PORTION_FIELD[k] for k in checked])
    row.updated_at = timezone.now()
    row.save()
    cooperative.__dict__.update({f: getattr(coop, f) for f in PORTION_FIELD.values()})
    if changes:
        log_action(cooperative=coop, actor=actor, action="shu.policy_saved", obj=row,
                   changes=changes)
    return row
