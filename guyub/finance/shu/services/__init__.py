"""SHU writes: the policy, the board's plans (draft, proposed to the RAT, withdrawn) and
the posting of the plan the RAT approved. Paying the members is shu.payouts; moving
what nobody claimed is shu.unclaimed."""

from .common import plan_url
from .plans import propose, save_draft, withdraw
from .policy import save_policy
from .posting import post_plan

__all__ = ["plan_url", "post_plan", "propose", "save_draft", "save_policy", "withdraw"]
