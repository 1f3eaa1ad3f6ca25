"""Roles a user can hold in a cooperative, and what each may do.

One table serves the HTML views and the API, so a right is granted or refused
the same way wherever it is asked for.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BOARD = "board", _("Pengurus")
    SUPERVISOR = "supervisor", _("Pengawas")
    STAFF = "staff", _("Staf")
    MEMBER = "member", _("Anggota")
    BUYER = "buyer", _("Pembeli")
    SUPPLIER = "supplier", _("Pemasok")


ALL = frozenset(Role.values)
OFFICERS = frozenset({Role.BOARD, Role.SUPERVISOR, Role.STAFF})

PERMISSIONS: dict[str, frozenset[str]] = {
    "coop.view": ALL,
    "coop.edit": frozenset({Role.BOARD}),
    "members.view": OFFICERS,
    "members.edit": frozenset({Role.BOARD, Role.STAFF}),
    "members.import": frozenset({Role.BOARD, Role.STAFF}),
    "members.approve": frozenset({Role.BOARD}),
    "members.status": frozenset({Role.BOARD}),
    "audit.view": frozenset({Role.BOARD, Role.SUPERVISOR}),
    "tokens.manage": frozenset({Role.BOARD}),
    "portal.view": frozenset({Role.MEMBER}),
    "ledger.view": OFFICERS,
    "ledger.manage": frozenset({Role.BOARD}),
    "simpanan.view": OFFICERS,
    "simpanan.record": frozenset({Role.BOARD, Role.STAFF}),
    "catalog.view": OFFICERS,
    "catalog.curate": frozenset({Role.BOARD, Role.STAFF}),
    "catalog.own": frozenset({Role.MEMBER}),
    "catalog.manage": frozenset({Role.BOARD}),
    "sales.view": OFFICERS,
    "sales.manage": frozenset({Role.BOARD, Role.STAFF}),
    "payouts.manage": frozenset({Role.BOARD}),
    # A buyer's own orders (the storefront itself is public); placing an order through
    # the API: a buyer for themselves, staff for a buyer on the phone.
    "orders.own": frozenset({Role.BUYER}),
    "orders.place": frozenset({Role.BUYER, Role.BOARD, Role.STAFF}),
    # A member's own side of joint marketing: what to deliver, what they sold and were paid.
    "sales.own": frozenset({Role.MEMBER}),
    "reports.view": OFFICERS,
    # The dashboards only read: the board's is for every officer (supervisors included,
    # it is their oversight), the member's shows the signed-in member's own figures.
    "dashboard.board": OFFICERS,
    "dashboard.member": frozenset({Role.MEMBER}),
    # Sealed tenders: staff and board run them, officers follow them; a supplier bids on
    # the tenders it is invited to. tenders.read: the API's tender and bid reads, which
    # serve officers (any tender) and suppliers (the ones they are invited to) alike.
    "tenders.view": OFFICERS,
    "tenders.manage": frozenset({Role.BOARD, Role.STAFF}),
    "tenders.bid": frozenset({Role.SUPPLIER}),
    "tenders.read": OFFICERS | {Role.SUPPLIER},
    # Collective purchasing: officers follow the rounds, board and staff run them (suppliers,
    # price lists, opening, closing, receipt, pick-up, bills); members commit to rounds; a
    # supplier sees the purchase orders made on its own price lists.
    "purchasing.view": OFFICERS,
    "purchasing.manage": frozenset({Role.BOARD, Role.STAFF}),
    "purchasing.commit": frozenset({Role.MEMBER}),
    # purchasing.read: the API's round reads, which serve officers (to follow the rounds)
    # and members (to commit to them) alike, like tenders.read.
    "purchasing.read": OFFICERS | {Role.MEMBER},
    "supplier.portal": frozenset({Role.SUPPLIER}),
    # Contracts with corporate buyers: officers follow them; board and staff negotiate,
    # allocate, check quality, invoice and mediate; only the board sets floor prices and
    # pays members; a buyer requests and negotiates its own contracts; a member declares
    # capacity and sees their allotments, payments and disputes.
    "contracts.view": OFFICERS,
    "contracts.manage": frozenset({Role.BOARD, Role.STAFF}),
    "contracts.floor": frozenset({Role.BOARD}),
    "contracts.pay": frozenset({Role.BOARD}),
    "contracts.buy": frozenset({Role.BUYER}),
    "contracts.supply": frozenset({Role.MEMBER}),
    # Shared resources: officers follow the assets and their bookings; board and staff
    # manage assets, approve bookings, record check-out and check-in and charge fees; a
    # member books for themselves.
    "resources.view": OFFICERS,
    "resources.manage": frozenset({Role.BOARD, Role.STAFF}),
    "resources.book": frozenset({Role.MEMBER}),
    # Member loans: officers (the pengawas included, for oversight) read the portfolio;
    # board and staff enter applications, disburse and take repayments; only the board
    # decides (and never on a loan they applied for or entered); a member applies and
    # reads their own loans.
    "loans.view": OFFICERS,
    "loans.manage": frozenset({Role.BOARD, Role.STAFF}),
    "loans.approve": frozenset({Role.BOARD}),
    "loans.own": frozenset({Role.MEMBER}),
    # The solidarity fund (dana sosial): officers read it, board and staff record
    # contributions, the board decides grants; a member asks for help and sees their own.
    "solidarity.view": OFFICERS,
    "solidarity.manage": frozenset({Role.BOARD, Role.STAFF}),
    "solidarity.grant": frozenset({Role.BOARD}),
    "solidarity.own": frozenset({Role.MEMBER}),
    # The help board is the members' own (officers read it and moderate it).
    "helpboard.use": frozenset({Role.MEMBER}),
    "helpboard.view": OFFICERS | {Role.MEMBER},
    "helpboard.moderate": frozenset({Role.BOARD, Role.STAFF}),
    # Governance: officers follow the meetings (registers, attendance, votes, results);
    # board and staff prepare them (agenda, documents, the door, proxies, the tablet);
    # only the board calls a meeting, opens and closes it and its votes; two officers
    # enter a paper count; a member attends, votes and checks their receipt; the
    # register of decisions is every member's.
    "governance.view": OFFICERS,
    "governance.manage": frozenset({Role.BOARD, Role.STAFF}),
    "governance.chair": frozenset({Role.BOARD}),
    "governance.count": OFFICERS,
    "governance.attend": frozenset({Role.MEMBER}),
    "decisions.view": OFFICERS | {Role.MEMBER},
    # Finance: officers read the statements, the close and the SHU (the pengawas
    # reviews everything, read-only); only the board closes a year, records an
    # adjusting entry, sets the SHU policy, proposes, posts and pays the SHU; a member
    # sees their own SHU projection and statement and chooses how to take it.
    "finance.view": OFFICERS,
    "finance.close": frozenset({Role.BOARD}),
    "shu.manage": frozenset({Role.BOARD}),
    "shu.pay": frozenset({Role.BOARD, Role.STAFF}),
    "shu.own": frozenset({Role.MEMBER}),
    # The periodic jobs: officers see their runs; board and staff may run one now.
    "jobs.view": OFFICERS,
    "jobs.run": frozenset({Role.BOARD, Role.STAFF}),
}


def allows(roles: set[str] | frozenset[str], permission: str) -> bool:
    try:
        allowed = PERMISSIONS[permission]
    except KeyError:  # a typo must not silently grant or deny: fail loudly
        raise KeyError(f"Unknown permission {permission!r}") from None
    return bool(allowed & set(roles))
