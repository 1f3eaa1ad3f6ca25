"""Which right each page and endpoint asks for, and what each role should get: the
expectations come from guyub.core.roles.PERMISSIONS itself. Also how to call each
endpoint with a valid body (api_call), shared with the bad-input tests."""

import datetime as dt

from django_scopes import scope, scopes_disabled

from guyub.core.roles import PERMISSIONS, Role
from guyub.members.models import Member
from guyub.members.views import STATUS_PERMISSION
from guyub.purchasing.models import PriceList
from guyub.testing.contracts_nego import api_contract, api_contract_body, grade_of
from guyub.testing.factories import MemberFactory, valid_nik
from guyub.testing.governance_attendance import api_checkin_target
from guyub.testing.governance_ballots import api_vote
from guyub.testing.purchasing import open_round
from guyub.testing.store import notify_body, order_body, world_order
from guyub.testing.tenders import api_tender, bid_body

ROLES = list(Role.values)

# URL name -> (HTTP method, the right it asks for). members:status is separate below.
PAGES = {
    "core:dashboard": ("get", "coop.view"),
    "core:settings": ("get", "coop.edit"),
    "core:audit": ("get", "audit.view"),
    "core:tokens": ("get", "tokens.manage"),
    "core:revoke_token": ("post", "tokens.manage"),
    "core:jobs": ("get", "jobs.view"),
    "core:run_job": ("post", "jobs.run"),
    "members:list": ("get", "members.view"),
    "members:create": ("get", "members.edit"),
    "members:export": ("get", "members.view"),
    "members:import": ("get", "members.import"),
    "members:detail": ("get", "members.view"),
    "members:edit": ("get", "members.edit"),
    "members:applications": ("get", "members.approve"),
    "members:portal": ("get", "portal.view"),
    "members:simpanan_record": ("post", "simpanan.record"),
    "members:arrears": ("get", "simpanan.view"),
    # Receipts and statements: officers see anyone's, a member only their own (the
    # member here is someone else's), so for this record the right is simpanan.view.
    "members:statement_pdf": ("get", "simpanan.view"),
    "members:receipt_pdf": ("get", "simpanan.view"),
    "ledger:trial_balance": ("get", "ledger.view"),
    "ledger:accounts": ("get", "ledger.view"),
    "ledger:account": ("get", "ledger.view"),
    "ledger:account_delete": ("post", "ledger.manage"),
    "ledger:journal": ("get", "ledger.view"),
    "ledger:entry": ("get", "ledger.view"),
    "ledger:close": ("get", "ledger.manage"),
    "sales:picklist": ("get", "sales.view"),
    "sales:picklist_receive": ("post", "sales.manage"),
    "sales:my_picklist": ("get", "sales.own"),
    "sales:shipments": ("get", "sales.view"),
    "sales:shipment_create": ("post", "sales.manage"),
    "sales:shipment": ("get", "sales.view"),
    "sales:shipment_ship": ("post", "sales.manage"),
    "sales:shipment_deliver": ("post", "sales.manage"),
    "sales:shipment_pdf": ("get", "sales.view"),
    "sales:payouts": ("get", "sales.view"),
    "sales:payout_create": ("get", "payouts.manage"),
    "sales:payout": ("get", "sales.view"),
    "sales:payout_export": ("get", "sales.view"),
    # A payout statement: officers see anyone's, a member only their own (the member
    # here is someone else's), so for this record the right is sales.view.
    "sales:payout_statement": ("get", "sales.view"),
    "reports:sales": ("get", "reports.view"),
    "reports:my_sales": ("get", "sales.own"),
    "reports:dashboard": ("get", "dashboard.board"),
    "reports:my_dashboard": ("get", "dashboard.member"),
    "sales:orders": ("get", "sales.view"),
    "sales:order": ("get", "sales.view"),
    "sales:order_payment": ("post", "sales.manage"),
    "sales:order_cancel": ("post", "sales.manage"),
    "sales:hand_over": ("post", "sales.manage"),
    "sales:order_invoice": ("get", "sales.view"),
    "sales:my_orders": ("get", "orders.own"),
    "catalog:products": ("get", "catalog.view"),
    "catalog:product_create": ("get", "catalog.curate"),
    "catalog:my_products": ("get", "catalog.own"),
    "catalog:my_product_create": ("get", "catalog.own"),
    "catalog:product": ("get", "catalog.view"),
    "catalog:product_edit": ("get", "catalog.curate"),
    "catalog:product_photo": ("post", "catalog.curate"),
    "catalog:product_submit": ("post", "catalog.curate"),
    "catalog:product_review": ("post", "catalog.curate"),
    "catalog:curation": ("get", "catalog.curate"),
    "catalog:certificates": ("get", "catalog.view"),
    "catalog:certificate_create": ("get", "catalog.curate"),
    "catalog:my_certificates": ("get", "catalog.own"),
    "catalog:certificate_edit": ("get", "catalog.curate"),
    "catalog:channels": ("get", "catalog.view"),
    "catalog:channel_create": ("get", "catalog.manage"),
    "catalog:channel_edit": ("get", "catalog.manage"),
    "catalog:categories": ("get", "catalog.view"),
    "catalog:category_create": ("get", "catalog.curate"),
    "catalog:category_edit": ("get", "catalog.curate"),
    "catalog:bundles": ("get", "catalog.view"),
    "catalog:bundle_create": ("get", "catalog.curate"),
    "catalog:bundle_edit": ("get", "catalog.curate"),
    "tenders:list": ("get", "tenders.view"),
    "tenders:create": ("get", "tenders.manage"),
    "tenders:detail": ("get", "tenders.view"),
    "tenders:terms": ("get", "tenders.manage"),
    "tenders:comparison": ("get", "tenders.view"),
    "tenders:award": ("post", "tenders.manage"),
    "tenders:cancel": ("post", "tenders.manage"),
    "tenders:my_tenders": ("get", "tenders.bid"),
    "tenders:my_tender": ("get", "tenders.bid"),
    "purchasing:rounds": ("get", "purchasing.view"),
    "purchasing:round_create": ("get", "purchasing.manage"),
    "purchasing:round": ("get", "purchasing.view"),
    "purchasing:round_close": ("post", "purchasing.manage"),
    "purchasing:round_cancel": ("post", "purchasing.manage"),
    "purchasing:round_receive": ("get", "purchasing.manage"),
    "purchasing:round_pickup": ("get", "purchasing.view"),
    "purchasing:pickup_pdf": ("get", "purchasing.view"),
    "purchasing:round_invoices": ("get", "purchasing.view"),
    # A member's bill and a supplier's purchase order: officers see any; a member or a
    # supplier only their own (these are someone else's, see OWN_RECORD_PAGES).
    "purchasing:invoice_pdf": ("get", "purchasing.view"),
    "purchasing:po_pdf": ("get", "purchasing.view"),
    "purchasing:round_pay": ("post", "purchasing.manage"),
    "purchasing:supplier_payments": ("get", "purchasing.manage"),
    "purchasing:round_savings": ("get", "purchasing.view"),
    "purchasing:suppliers": ("get", "purchasing.view"),
    "purchasing:supplier_create": ("get", "purchasing.manage"),
    "purchasing:supplier": ("get", "purchasing.view"),
    "purchasing:supplier_edit": ("get", "purchasing.manage"),
    "purchasing:supplier_delete": ("post", "purchasing.manage"),
    "purchasing:price_list_create": ("get", "purchasing.manage"),
    "purchasing:price_list_edit": ("get", "purchasing.manage"),
    "purchasing:price_list_delete": ("post", "purchasing.manage"),
    "purchasing:items": ("get", "purchasing.view"),
    "purchasing:item_create": ("get", "purchasing.manage"),
    "purchasing:item_edit": ("get", "purchasing.manage"),
    "purchasing:my_rounds": ("get", "purchasing.commit"),
    "purchasing:my_round": ("get", "purchasing.commit"),
    "purchasing:commit": ("post", "purchasing.commit"),
    "purchasing:supplier_portal": ("get", "supplier.portal"),
    # Contract deliveries: checks, the sale to the buyer, receivables, paying members.
    "contracts:payment_settings": ("get", "contracts.pay"),
    "contracts:deliveries": ("get", "contracts.view"),
    "contracts:delivery_check": ("get", "contracts.manage"),
    "contracts:delivery_deliver": ("post", "contracts.manage"),
    "contracts:receivables": ("get", "contracts.view"),
    "contracts:invoice_pay": ("post", "contracts.manage"),
    "contracts:member_payments": ("get", "contracts.pay"),
    "contracts:my_contract_payments": ("get", "contracts.supply"),
    "contracts:buyer_contract_invoices": ("get", "contracts.buy"),
    # A delivery note and invoice: officers see any, a buyer only its own; a goods
    # received note: officers see any, a member only their own (see OWN_RECORD_PAGES).
    "contracts:delivery_note_pdf": ("get", "contracts.view"),
    "contracts:invoice_pdf": ("get", "contracts.view"),
    "contracts:grn_pdf": ("get", "contracts.view"),
    "contracts:capacity_overview": ("get", "contracts.view"),
    "contracts:allocation_rule": ("post", "contracts.manage"),
    "contracts:allocation_schedule": ("get", "contracts.view"),
    "contracts:delivery_allotments": ("get", "contracts.view"),
    "contracts:allocate_delivery": ("post", "contracts.manage"),
    "contracts:record_withdrawal": ("post", "contracts.manage"),
    "contracts:member_contracts": ("get", "contracts.supply"),
    "contracts:member_capacity": ("get", "contracts.supply"),
    # An allotment ("explain my share", withdrawing from it): officers reach any, a
    # member only their own (the world's is a producer's, see OWN_RECORD_PAGES).
    "contracts:my_allotment": ("get", "contracts.view"),
    "contracts:withdraw_allotment": ("post", "contracts.manage"),
    # Contract disputes: officers read them, board and staff mediate and resolve (a
    # price reduction is the board's, inside the resolve page); a buyer and a member
    # list their own complaints; a page on one complaint opens for its owner only (its
    # right is also its own-record right, see OWN_RECORD_PAGES and expected()).
    "contracts:disputes": ("get", "contracts.view"),
    "contracts:dispute": ("get", "contracts.view"),
    "contracts:dispute_open": ("get", "contracts.manage"),
    "contracts:dispute_mediate": ("post", "contracts.manage"),
    "contracts:dispute_resolve": ("get", "contracts.manage"),
    "contracts:buyer_disputes": ("get", "contracts.buy"),
    "contracts:buyer_dispute_open": ("get", "contracts.buy"),
    "contracts:buyer_dispute": ("get", "contracts.buy"),
    "contracts:my_disputes": ("get", "contracts.supply"),
    "contracts:my_dispute_open": ("get", "contracts.supply"),
    "contracts:my_dispute": ("get", "contracts.supply"),
    "contracts:list": ("get", "contracts.view"),
    "contracts:create": ("get", "contracts.manage"),
    "contracts:detail": ("get", "contracts.view"),
    # A contract's document: officers any, a buyer its own (see OWN_RECORD_PAGES).
    "contracts:version_pdf": ("get", "contracts.view"),
    "contracts:grades": ("get", "contracts.view"),
    "contracts:grade_create": ("get", "contracts.manage"),
    "contracts:grade": ("get", "contracts.view"),
    "contracts:grade_edit": ("get", "contracts.manage"),
    "contracts:grade_approve": ("post", "contracts.manage"),
    "contracts:grade_floor": ("post", "contracts.floor"),
    "contracts:approval_end": ("post", "contracts.manage"),
    "contracts:business_profile": ("get", "contracts.buy"),
    "contracts:my_contracts": ("get", "contracts.buy"),
    "contracts:my_contract_create": ("get", "contracts.buy"),
    # The buyer's page of its own contract: the world's is another buyer's, so it opens
    # for no role (404 to a buyer, 403 to the rest).
    "contracts:my_contract": ("get", ()),
    # Asset bookings: officers follow them, board and staff decide, book for others and
    # schedule maintenance; a member books for themselves (their own bookings and
    # waiting-list entries only, see OWN_RECORD_PAGES).
    "resources:bookings": ("get", "resources.view"),
    "resources:booking": ("get", "resources.view"),
    "resources:booking_approve": ("post", "resources.manage"),
    "resources:booking_reject": ("post", "resources.manage"),
    "resources:booking_cancel": ("post", "resources.manage"),
    "resources:booking_new": ("get", "resources.manage"),
    "resources:calendar": ("get", "resources.view"),
    "resources:maintenance": ("get", "resources.manage"),
    "resources:maintenance_cancel": ("post", "resources.manage"),
    "resources:book_assets": ("get", "resources.book"),
    "resources:asset_calendar": ("get", "resources.book"),
    "resources:book": ("get", "resources.book"),
    "resources:waitlist_join": ("post", "resources.book"),
    "resources:my_bookings": ("get", "resources.book"),
    "resources:my_booking_cancel": ("get", "resources.book"),
    "resources:my_waitlist_withdraw": ("post", "resources.book"),
    # Shared resources: officers read the asset register, its hand-overs and the usage
    # report; board and staff change assets and record hand-overs and payments; a member
    # opens an asset's page and pays their own booking (the world's is someone else's).
    "resources:assets": ("get", "resources.view"),
    "resources:asset_create": ("get", "resources.manage"),
    "resources:asset": ("get", "resources.view"),
    "resources:asset_edit": ("get", "resources.manage"),
    "resources:asset_deactivate": ("post", "resources.manage"),
    "resources:asset_reactivate": ("post", "resources.manage"),
    "resources:asset_photo_add": ("post", "resources.manage"),
    "resources:asset_photo_remove": ("post", "resources.manage"),
    "resources:asset_qualify": ("post", "resources.manage"),
    "resources:asset_unqualify": ("post", "resources.manage"),
    "resources:asset_maintained": ("post", "resources.manage"),
    "resources:asset_public": ("get", "resources.book"),
    "resources:handover": ("get", "resources.view"),
    "resources:check_out": ("get", "resources.manage"),
    "resources:check_in": ("get", "resources.manage"),
    "resources:booking_pay": ("get", "resources.manage"),
    "resources:my_booking_pay": ("get", "resources.book"),
    "resources:usage": ("get", "resources.view"),
    # Member loans: officers read them, board and staff record and pay out, the board
    # decides, restructures and sets the limits; a member applies and reads their own
    # (a page on one loan opens for its owner only, see OWN_RECORD_PAGES).
    "support:loans": ("get", "loans.view"),
    "support:loan_portfolio": ("get", "loans.view"),
    "support:loan_settings": ("get", "loans.approve"),
    "support:loan_new": ("get", "loans.manage"),
    "support:loan": ("get", "loans.view"),
    "support:loan_assess": ("post", "loans.manage"),
    "support:loan_decide": ("post", "loans.approve"),
    "support:loan_disburse": ("get", "loans.manage"),
    "support:loan_settle": ("get", "loans.manage"),
    "support:loan_restructure": ("get", "loans.approve"),
    "support:loan_statement": ("get", "loans.view"),
    "support:instalment_pay": ("get", "loans.manage"),
    "support:my_loans": ("get", "loans.own"),
    "support:my_loan_apply": ("get", "loans.own"),
    "support:my_loan": ("get", "loans.own"),
    "support:my_instalment_pay": ("post", "loans.own"),
    # The solidarity fund: officers read it, board and staff record contributions,
    # enter requests and pay; the board decides; a member sees the fund and their own
    # requests (the world's request is someone else's, see OWN_RECORD_PAGES).
    "support:fund": ("get", "solidarity.view"),
    "support:contribution_create": ("get", "solidarity.manage"),
    "support:grants": ("get", "solidarity.view"),
    "support:grant_create": ("get", "solidarity.manage"),
    "support:grant": ("get", "solidarity.view"),
    "support:grant_decide": ("post", "solidarity.grant"),
    "support:grant_pay": ("post", "solidarity.manage"),
    "support:my_fund": ("get", "solidarity.own"),
    "support:my_grant": ("get", "solidarity.own"),
    # The help board: members write, officers read and moderate; marking done is the
    # author's (the world's post is someone else's, see OWN_RECORD_PAGES).
    "support:helpboard": ("get", "helpboard.view"),
    "support:post_create": ("get", "helpboard.use"),
    "support:post": ("get", "helpboard.view"),
    "support:post_done": ("post", "helpboard.use"),
    "support:post_hide": ("post", "helpboard.moderate"),
    "support:reply_hide": ("post", "helpboard.moderate"),
    "support:mentors": ("get", "helpboard.view"),
    "support:mentor_edit": ("get", "helpboard.use"),
    # governance: meetings — officers read the meetings, their documents and the by-law
    # rules (the board changes those: a POST, tested in the package); board and staff
    # draft meetings and their agenda.
    # finance: the year-end close — officers (pengawas too) read the years and their
    # closes; only the board closes a year and records adjustments.
    "finance:closing": ("get", "finance.view"),
    "finance:close_confirm": ("get", "finance.close"),
    "finance:close_year": ("post", "finance.close"),
    "finance:adjust": ("get", "finance.close"),
    "governance:meetings": ("get", "governance.view"),
    "governance:governance_settings": ("get", "governance.view"),
    "governance:meeting_new": ("get", "governance.manage"),
    "governance:meeting": ("get", "governance.view"),
    "governance:meeting_edit": ("get", "governance.manage"),
    "governance:agenda_item_new": ("get", "governance.manage"),
    "governance:agenda_standard": ("post", "governance.manage"),
    "governance:agenda_item_edit": ("get", "governance.manage"),
    "governance:agenda_item_move": ("post", "governance.manage"),
    "governance:document_new": ("get", "governance.manage"),
    "governance:document": ("get", "governance.view"),
    # governance: attendance — the chair calls, opens, adjourns and reconvenes; board and
    # staff run the door and proxies; officers read the register and who is present; a
    # member their own meetings (a meeting they are not on the register of is 404).
    "governance:meeting_call": ("post", "governance.chair"),
    "governance:meeting_open": ("post", "governance.chair"),
    "governance:meeting_adjourn": ("post", "governance.chair"),
    "governance:meeting_reconvene": ("get", "governance.chair"),
    "governance:register": ("get", "governance.view"),
    "governance:door": ("get", "governance.manage"),
    "governance:attendance": ("get", "governance.view"),
    "governance:quorum_meter": ("get", "governance.view"),
    "governance:proxies": ("get", "governance.manage"),
    "governance:my_meetings": ("get", "governance.attend"),
    "governance:my_meeting": ("get", "governance.attend"),
    "governance:my_document": ("get", "governance.attend"),
    "governance:join_online": ("post", "governance.attend"),
    "governance:heartbeat": ("post", "governance.attend"),
    "governance:my_proxy": ("get", "governance.attend"),
    # governance: ballots. Officers follow the votes, the board and staff prepare them
    # and run the tablet, the board (chair) opens and closes; results, the receipt check
    # and the export of a closed vote are for everyone who reads decisions. The room
    # and casting are a member's on the meeting's register (see OWN_RECORD_PAGES).
    "governance:votes": ("get", "governance.view"),
    "governance:vote_new": ("get", "governance.manage"),
    "governance:vote": ("get", "governance.view"),
    "governance:vote_open": ("post", "governance.chair"),
    "governance:vote_close": ("post", "governance.chair"),
    "governance:tablet": ("get", "governance.manage"),
    "governance:results": ("get", "decisions.view"),
    "governance:receipt_check": ("get", "decisions.view"),
    "governance:vote_export": ("get", "decisions.view"),
    "governance:room": ("get", "governance.attend"),
    "governance:cast": ("post", "governance.attend"),
    # governance: ballots (paper) — officers see the paper counts, the board and staff
    # hand papers out, officers (governance.count) enter and confirm the counts.
    "governance:paper": ("get", "governance.view"),
    "governance:paper_hand_out": ("post", "governance.manage"),
    "governance:paper_enter": ("post", "governance.count"),
    "governance:paper_confirm": ("post", "governance.count"),
    # governance: decisions, elections, minutes. The register of decisions and the
    # officers' terms are every member's; a meeting's election page and minutes open
    # for officers and, as own records, for members on that meeting's register (the
    # walker's member role is not on it: 404, see OWN_RECORD_PAGES).
    "governance:decisions": ("get", "decisions.view"),
    "governance:decision": ("get", "decisions.view"),
    "governance:item_decide": ("get", "governance.chair"),
    "governance:meeting_delegates": ("get", "governance.chair"),
    "governance:election_new": ("get", "governance.manage"),
    "governance:election": ("get", "governance.view"),
    "governance:election_close": ("post", "governance.chair"),
    "governance:terms": ("get", "decisions.view"),
    "governance:meeting_close": ("post", "governance.chair"),
    "governance:minutes_sign": ("get", "governance.chair"),
    "governance:minutes_pdf": ("get", "governance.view"),
    # finance: the SHU — officers read the policy, the years, the simulation and the
    # plans (the pengawas reviews, read-only); the board sets the policy (a POST on its
    # page: guyub/finance/shu/tests/test_pages_policy.py) and saves, proposes, withdraws
    # and posts plans; board and staff pay shares out.
    "finance:shu": ("get", "finance.view"),
    "finance:shu_policy": ("get", "finance.view"),
    "finance:shu_simulate": ("get", "finance.view"),
    "finance:shu_simulate_export": ("get", "finance.view"),
    "finance:shu_save_draft": ("post", "shu.manage"),
    "finance:shu_plan": ("get", "finance.view"),
    "finance:shu_plan_export": ("get", "finance.view"),
    "finance:shu_plan_pdf": ("get", "finance.view"),
    "finance:shu_plan_propose": ("post", "shu.manage"),
    "finance:shu_plan_withdraw": ("post", "shu.manage"),
    "finance:shu_plan_post": ("post", "shu.manage"),
    "finance:shu_share_pay": ("get", "shu.pay"),
    # finance: the member's own SHU (taking it and its statement: their own share only,
    # the walker has none, see OWN_RECORD_PAGES)
    "finance:my_shu": ("get", "shu.own"),
    "finance:my_shu_take": ("get", "shu.own"),
    "finance:my_shu_statement": ("get", "shu.own"),
    # finance: the member economic benefit report (officers) and a member's own figures
    "finance:benefits": ("get", "finance.view"),
    "finance:benefits_export": ("get", "finance.view"),
    "finance:my_benefits": ("get", "shu.own"),
    # finance: statements — every officer reads them, the pengawas too (read only).
    "finance:home": ("get", "finance.view"),
    "finance:statement": ("get", "finance.view"),
    "finance:statement_line": ("get", "finance.view"),
    "finance:statements_pdf": ("get", "finance.view"),
    "finance:statements_xlsx": ("get", "finance.view"),
}
# Pages on one record that a role with the right below opens for its own records
# only. The world's record is someone else's, so to that role it does not exist: 404,
# not 403 (the member's own record opening is tested in guyub/catalog/tests).
OWN_RECORD_PAGES = {
    "catalog:product": "catalog.own",
    "catalog:product_edit": "catalog.own",
    "catalog:product_photo": "catalog.own",
    "catalog:product_submit": "catalog.own",
    "catalog:certificate_edit": "catalog.own",
    "purchasing:invoice_pdf": "purchasing.commit",
    "purchasing:po_pdf": "supplier.portal",
    "contracts:delivery_note_pdf": "contracts.buy",
    "contracts:invoice_pdf": "contracts.buy",
    "contracts:grn_pdf": "contracts.supply",
    "contracts:my_allotment": "contracts.supply",
    "contracts:withdraw_allotment": "contracts.supply",
    "contracts:buyer_dispute_open": "contracts.buy",
    "contracts:buyer_dispute": "contracts.buy",
    "contracts:my_dispute_open": "contracts.supply",
    "contracts:my_dispute": "contracts.supply",
    "contracts:version_pdf": "contracts.buy",
    "contracts:my_contract": "contracts.buy",
    "resources:my_booking_cancel": "resources.book",
    "resources:my_waitlist_withdraw": "resources.book",
    "resources:my_booking_pay": "resources.book",
    "support:loan_statement": "loans.own",
    "support:my_loan": "loans.own",
    "support:my_instalment_pay": "loans.own",
    "support:my_grant": "solidarity.own",
    "support:post_done": "helpboard.use",
    # governance: attendance — the world's meeting does not hold the walker's record.
    "governance:my_meeting": "governance.attend",
    "governance:my_document": "governance.attend",
    "governance:join_online": "governance.attend",
    "governance:heartbeat": "governance.attend",
    "governance:my_proxy": "governance.attend",
    # governance: ballots — the walking member is not on the world meeting's register.
    "governance:room": "governance.attend",
    "governance:cast": "governance.attend",
    # governance: elections, minutes (a member on the meeting's register)
    "governance:election": "governance.attend",
    "governance:minutes_pdf": "governance.attend",
    # finance: the walking member has no SHU share that year
    "finance:my_shu_take": "shu.own",
    "finance:my_shu_statement": "shu.own",
}
# (method, OpenAPI path) -> the right; None: any signed-in caller.
API = {
    ("get", "/api/v1/cooperatives"): None,
    ("get", "/api/v1/cooperatives/{slug}"): "coop.view",
    ("patch", "/api/v1/cooperatives/{slug}"): "coop.edit",
    ("get", "/api/v1/cooperatives/{slug}/members"): "members.view",
    ("post", "/api/v1/cooperatives/{slug}/members"): "members.edit",
    ("get", "/api/v1/cooperatives/{slug}/members/{member_id}"): "members.view",
    ("patch", "/api/v1/cooperatives/{slug}/members/{member_id}"): "members.edit",
    ("get", "/api/v1/cooperatives/{slug}/me"): "portal.view",
    ("get", "/api/v1/cooperatives/{slug}/members/{member_id}/simpanan"): "simpanan.view",
    ("post", "/api/v1/cooperatives/{slug}/members/{member_id}/simpanan"): "simpanan.record",
    ("get", "/api/v1/cooperatives/{slug}/me/simpanan"): "portal.view",
    ("get", "/api/v1/cooperatives/{slug}/ledger/accounts"): "ledger.view",
    ("get", "/api/v1/cooperatives/{slug}/ledger/trial-balance"): "ledger.view",
    ("get", "/api/v1/cooperatives/{slug}/ledger/entries"): "ledger.view",
    ("post", "/api/v1/cooperatives/{slug}/orders"): "orders.place",
    # Staff read any order, a buyer only their own (the world's is someone else's).
    ("get", "/api/v1/cooperatives/{slug}/orders/{order_id}"): "sales.view",
    ("post", "/api/v1/cooperatives/{slug}/payments/notify"): "sales.manage",
    ("get", "/api/v1/cooperatives/{slug}/storefront/search"): None,
    # Officers read any tender, a supplier only those it is invited to (here it is).
    ("get", "/api/v1/cooperatives/{slug}/tenders"): "tenders.read",
    ("get", "/api/v1/cooperatives/{slug}/tenders/{tender_id}"): "tenders.read",
    ("get", "/api/v1/cooperatives/{slug}/tenders/{tender_id}/bids"): "tenders.read",
    ("post", "/api/v1/cooperatives/{slug}/tenders/{tender_id}/bids"): "tenders.bid",
    # Officers follow the rounds, members commit to them (the open round of api_call).
    ("get", "/api/v1/cooperatives/{slug}/rounds"): "purchasing.read",
    ("get", "/api/v1/cooperatives/{slug}/rounds/{round_id}"): "purchasing.read",
    ("post", "/api/v1/cooperatives/{slug}/rounds/{round_id}/items/{item_id}/commitment"):
        "purchasing.commit",
    ("post", "/api/v1/cooperatives/{slug}/rounds/{round_id}/close"): "purchasing.manage",
    # A delivery's split for officers; a member's own allotments.
    ("get", "/api/v1/cooperatives/{slug}/contracts/{contract_id}/deliveries/{delivery_id}/"
            "allocation"): "contracts.view",
    ("get", "/api/v1/cooperatives/{slug}/me/contract-allotments"): "contracts.supply",
    # Officers list every contract, a buyer its own (a tuple: either right).
    ("get", "/api/v1/cooperatives/{slug}/contracts"): ("contracts.view", "contracts.buy"),
    ("post", "/api/v1/cooperatives/{slug}/contracts"): "contracts.buy",
    # One contract: officers any, a buyer its own (the world's is another buyer's: 403).
    ("get", "/api/v1/cooperatives/{slug}/contracts/{contract_id}"): "contracts.view",
    ("post", "/api/v1/cooperatives/{slug}/contracts/{contract_id}/offers"): "contracts.manage",
    # Accepting for the cooperative is the board's (contracts/negotiation/pages.py).
    ("post", "/api/v1/cooperatives/{slug}/contracts/{contract_id}/accept"): "contracts.floor",
    # governance: attendance — the door checks in (board, staff); officers read the quorum.
    ("post", "/api/v1/cooperatives/{slug}/meetings/{meeting_id}/check-ins"):
        "governance.manage",
    ("get", "/api/v1/cooperatives/{slug}/meetings/{meeting_id}/quorum"): "governance.view",
    # governance: ballots. Reading a vote: officers and members (counts once closed).
    # Casting with "member_number" is the tablet (board, staff); a member's own cast
    # (no member number) is tested in governance/ballots/tests/test_api.py.
    ("get", "/api/v1/cooperatives/{slug}/votes/{vote_id}"):
        ("governance.view", "governance.attend"),
    ("post", "/api/v1/cooperatives/{slug}/votes/{vote_id}/ballots"): "governance.manage",
    # finance: the statements for officers and the pengawas; the caller's own SHU.
    ("get", "/api/v1/cooperatives/{slug}/finance/statements/{year}"): "finance.view",
    ("get", "/api/v1/cooperatives/{slug}/me/shu"): "shu.own",
}
# POSTs that change something existing answer 200, not 201.
OK_200 = {("post", "/api/v1/cooperatives/{slug}/rounds/{round_id}/items/{item_id}/commitment"),
          ("post", "/api/v1/cooperatives/{slug}/rounds/{round_id}/close"),
          ("post", "/api/v1/cooperatives/{slug}/contracts/{contract_id}/accept")}
# Open to anyone, without a login or token (the storefront).
PUBLIC_API = {("get", "/api/v1/cooperatives/{slug}/storefront/search")}
STATUS_API = ("post", "/api/v1/cooperatives/{slug}/members/{member_id}/status")
# Which member a lifecycle step can be taken on.
STATUS_FROM = {"active": Member.Status.APPLICANT, "rejected": Member.Status.APPLICANT,
               "exited": Member.Status.ACTIVE, "expelled": Member.Status.ACTIVE}


def allowed(permission: str | tuple | None) -> set[str]:
    if isinstance(permission, tuple):  # any of these rights; () for none
        return set().union(*(allowed(p) for p in permission))
    return set(ROLES) if permission is None else set(PERMISSIONS[permission])


def status_allowed(to_status: str) -> set[str]:
    # The status page needs the member register first, then the step's own right.
    return allowed("members.view") & allowed(STATUS_PERMISSION[to_status])


def expected(role, allowed_roles, ok_status, own_right=None):
    if own_right and allowed_roles == allowed(own_right):
        # A portal page whose right is its own-record right (a buyer's complaint, a
        # member's) opens its owner's records only: the world's is someone else's, so
        # no role opens it (owners opening theirs: the package's own tests).
        allowed_roles = set()
    if role in allowed_roles:
        return ok_status
    return 404 if own_right and role in allowed(own_right) else 403


def status_of(member):
    with scopes_disabled():
        return Member.objects.get(pk=member.pk).status


def member_ready_for(coop, to_status):
    start = STATUS_FROM[to_status]
    if start == Member.Status.APPLICANT:
        return MemberFactory(cooperative=coop, status=start, number=None, join_date=None)
    return MemberFactory(cooperative=coop, status=start)


def open_round_now(coop):
    """A round open now on the world's price list (the world's own round is received):
    a fresh one for each call, so closing it by hand succeeds for every role allowed."""
    with scope(cooperative=coop):
        price_list = PriceList.objects.get(item__name="Gula aren cetak")
        round_ = open_round(coop, None, price_list, title="Gula aren bersama (uji hak)")
        return round_, round_.items.get()


def api_call(coop, method, path, member, n=0):
    round_, round_item = open_round_now(coop) if "{round_id}" in path else (None, None)
    # governance: attendance — the door: a fresh voter on the world's meeting each call.
    meeting, checkin = (api_checkin_target(coop, n) if "{meeting_id}" in path
                        else (None, None))
    # governance: ballots — a fresh open vote to cast in (each call), the closed one to read.
    vote, vote_body = api_vote(coop, method) if "{vote_id}" in path else (None, None)
    contract = api_contract(coop, method) if "{contract_id}" in path else None
    # The allocation's read: the world's first contract, its delivery 1 already split.
    delivery_id = None
    if contract is not None and "{delivery_id}" in path:
        with scopes_disabled():
            delivery_id = contract.schedule.get(sequence=1).pk
    url = path.format(slug=coop.slug, member_id=member.pk, order_id=world_order(member).pk,
                      contract_id=getattr(contract, "pk", None), delivery_id=delivery_id,
                      tender_id=api_tender(coop).pk, round_id=getattr(round_, "pk", None),
                      item_id=getattr(round_item, "pk", None),
                      meeting_id=getattr(meeting, "pk", None),
                      vote_id=getattr(vote, "pk", None), year=dt.date.today().year)
    today = dt.date.today().isoformat()
    bodies = {
        ("post", "/api/v1/cooperatives/{slug}/members"): {
            "owner_name": "Yohanes Baru", "nik": valid_nik(7000 + n), "business_name": "Kopi Y",
            "province": "34", "regency": "Sleman", "sector": "kopi"},
        ("patch", "/api/v1/cooperatives/{slug}/members/{member_id}"): {"phone": "081234567890"},
        ("patch", "/api/v1/cooperatives/{slug}"): {"regency": "Bantul"},
        ("post", "/api/v1/cooperatives/{slug}/members/{member_id}/simpanan"): {
            "action": "wajib", "date": today, "months": 1},
        ("post", "/api/v1/cooperatives/{slug}/orders"): order_body(member),
        ("post", "/api/v1/cooperatives/{slug}/tenders/{tender_id}/bids"): bid_body(),
        ("post", "/api/v1/cooperatives/{slug}/rounds/{round_id}/items/{item_id}/commitment"):
            {"quantity": "30", "tolerance": "5"},
        ("post", "/api/v1/cooperatives/{slug}/contracts"): api_contract_body(grade_of(coop)),
        ("post", "/api/v1/cooperatives/{slug}/contracts/{contract_id}/offers"):
            {"kind": "message", "message": "Uji hak"},
        ("post", "/api/v1/cooperatives/{slug}/meetings/{meeting_id}/check-ins"): checkin,
    }
    if vote_body is not None:
        return url, vote_body
    if (method, path) == ("post", "/api/v1/cooperatives/{slug}/payments/notify"):
        return url, notify_body(member, n)
    return url, bodies.get((method, path))
