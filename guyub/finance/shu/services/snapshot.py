"""A simulation (shu.compute) kept on a plan: the portions, the policy's choices and the
year's figures as they were, and every member's share with the figures behind it, so a
plan reads as it was put to the RAT whatever the settings become."""

from django.utils.translation import gettext as _

from guyub.core.errors import DomainError

from .. import compute
from ..models import ShuPlan, ShuPolicy, ShuShare
from ..rules import AllocationError

BATCH = 2000


def simulate(cooperative, *, year: int, policy: ShuPolicy, percentages: dict,
             weights: dict):
    """compute.simulate(); its refusals (a sum other than 100 %, a negative weight) as
    DomainError, for the forms."""
    try:
        return compute.simulate(cooperative, year=year, policy=policy,
                                percentages=percentages, weights=weights)
    except AllocationError as error:
        if error.total is not None:
            raise DomainError(_("Pembagian SHU harus berjumlah tepat 100%%; sekarang "
                                "%(total)s%%.") % {"total": f"{error.total.normalize():f}"},
                              code="sum") from None
        raise DomainError(_("Persentase tidak valid.")) from None
    except ValueError:
        raise DomainError(_("Persentase atau bobot tidak valid.")) from None


def fill_plan(plan: ShuPlan, sim) -> None:
    for name, value in compute.plan_snapshots(sim).items():
        setattr(plan, name, value)


def write_shares(plan: ShuPlan, sim) -> None:
    ShuShare.objects.bulk_create(compute.share_rows(sim, plan), batch_size=BATCH)
