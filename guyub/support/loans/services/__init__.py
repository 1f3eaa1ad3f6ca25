"""Loan writes: the by-law settings, application, assessment, the board's decision
(four eyes), disbursement, repayment, early settlement and restructuring.

Every money step posts one balanced journal entry (source: the loan or the repayment;
the member on the receivable and interest lines, so the interest counts as the
member's business for the SHU). Interest is income when it is received (cash basis):
nothing is accrued, so restructuring or settling early waives unpaid interest without a
reversing entry.

Lock order, the same in every service, so two requests never wait on each other in a
circle: the member row (applications), the loan row, its instalment rows, the member's
simpanan sukarela account (inside members.simpanan.services), then the cooperative
row (loan numbers and post_entry's journal numbering).
"""

from .common import loan_url, member_loan_url
from .decisions import apply, assess, decide, save_settings
from .money import disburse, repay, restructure, settle_early

__all__ = ["apply", "assess", "decide", "disburse", "loan_url", "member_loan_url", "repay",
           "restructure", "save_settings", "settle_early"]
