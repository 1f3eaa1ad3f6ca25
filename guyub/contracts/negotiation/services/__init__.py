"""Every write of the negotiation package: set-up (grades, approvals, floor prices),
business profiles, and the contracts with their negotiation (`negotiate`)."""

from .negotiate import (
    accept,
    decline,
    post_message,
    propose,
    request_contract,
    start_amendment,
    withdraw,
)
from .setup import (
    approve_product,
    end_approval,
    enter_business_buyer,
    save_business_profile,
    save_grade,
    set_floor_price,
)

__all__ = ["accept", "approve_product", "decline", "end_approval", "enter_business_buyer",
           "post_message", "propose", "request_contract", "save_business_profile",
           "save_grade", "set_floor_price", "start_amendment", "withdraw"]
