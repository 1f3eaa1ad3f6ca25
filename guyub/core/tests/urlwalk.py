"""Walk every URL pattern of the project, the included apps and the API alike."""

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from guyub.members.simpanan.views import ACTIONS as SIMPANAN_ACTIONS
from guyub.members.views import STATUS_PERMISSION

API_PREFIX = "api/v1/"
PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")

# Patterns deliberately not walked by the tenant checks, and why.
EXCLUDED_PREFIXES = {
    "admin/": "the superuser's back office across all cooperatives (scopes lifted there)",
    "akun/atur-ulang/": ("the password-reset link: a user id and a one-time token, no "
                         "cooperative (core/tests/test_passwords.py follows a real one)"),
    "notifikasi/": ("the signed-in user's own notices and preferences, across their "
                    "cooperatives: no cooperative in the URL; every read filters by the "
                    "user (notifications/tests/test_inbox.py: one user never sees "
                    "another's notice)"),
}
PUBLIC_BY_DESIGN = {
    "members:apply": "the membership application form: anyone may apply to any cooperative",
    "members:applied": "the 'application sent' page that follows it",
    # The storefront: anyone may shop in any cooperative. Its own isolation check is
    # test_a_storefront_shows_its_own_cooperatives_goods_only (sales tests).
    "store:home": "the public storefront of a cooperative",
    "store:product": "a product page of the storefront",
    "store:bundle": "a bundle page of the storefront",
    "store:cart": "the visitor's cart (in their session)",
    "store:cart_add": "putting something in that cart",
    "store:checkout": "ordering as a guest or buyer account",
    "store:order": "a buyer's order page: the order's secret key in the URL is the access",
    "store:invoice": "that order's invoice, behind the same key",
    "api:storefront_search": "the storefront search in the API, public like the pages",
}


@dataclass
class Route:
    route: str                      # e.g. "k/<slug:coop_slug>/anggota/<int:pk>/"
    names: list[str] = field(default_factory=list)  # "namespace:name"

    @property
    def params(self) -> dict[str, str]:
        return {m["name"]: m["converter"] or "str" for m in PARAM.finditer(self.route)}

    @property
    def is_api(self) -> bool:
        return self.route.startswith(API_PREFIX)

    @property
    def openapi_path(self) -> str:
        return "/" + PARAM.sub(lambda m: "{" + m["name"] + "}", self.route)

    @property
    def tenant_param(self) -> str | None:
        for name in ("coop_slug", "slug"):
            if name in self.params:
                return name
        return None

    def url(self, values: dict) -> str:
        return "/" + PARAM.sub(lambda m: str(values[m["name"]]), self.route)


def walk(patterns=None, prefix="", namespace=""):
    """(route, "namespace:name") for every URL pattern, through every include."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from walk(pattern.url_patterns, route, ns)
        elif isinstance(pattern, URLPattern):
            yield route, ":".join(filter(None, [namespace, pattern.name or ""]))


def all_routes() -> list[Route]:
    routes: dict[str, Route] = {}
    for route, name in walk():
        # django-ninja gives one pattern per operation, so a path may come twice.
        routes.setdefault(route, Route(route)).names.append(name)
    return list(routes.values())


def is_excluded(route: Route) -> bool:
    return (route.route.startswith(tuple(EXCLUDED_PREFIXES))
            or bool(set(route.names) & set(PUBLIC_BY_DESIGN)))


def tenant_routes() -> list[Route]:
    """Every page and endpoint that acts inside one cooperative named in its URL."""
    return [r for r in all_routes() if r.tenant_param and not is_excluded(r)]


# What each URL parameter points at, looked up by full URL name, then by namespace.
# A parameter found in neither table fails the walk (see `values_for`): teach it here.
OBJECT_PARAMS = {
    ("core:revoke_token", "pk"): "token",
    ("members", "pk"): "member",
    ("members", "tx_pk"): "simpanan_tx",
    ("ledger:account", "pk"): "account",
    ("ledger:account_delete", "pk"): "account",
    ("ledger:entry", "pk"): "journal_entry",
    ("api", "member_id"): "member",
    ("sales:shipment", "pk"): "shipment",
    ("sales:shipment_ship", "pk"): "shipment",
    ("sales:shipment_deliver", "pk"): "shipment",
    ("sales:shipment_pdf", "pk"): "shipment",
    ("sales:payout", "pk"): "payout_batch",
    ("sales:payout_export", "pk"): "payout_batch",
    ("sales:payout_statement", "pk"): "payout_line",
    ("sales:order", "pk"): "order",
    ("sales:order_payment", "pk"): "order",
    ("sales:order_cancel", "pk"): "order",
    ("sales:order_invoice", "pk"): "order",
    ("sales:hand_over", "pk"): "order",
    ("sales:hand_over", "line_pk"): "fulfilment_line",
    ("api", "order_id"): "order",
    ("catalog:product", "pk"): "product",
    ("catalog:product_edit", "pk"): "product",
    ("catalog:product_photo", "pk"): "product",
    ("catalog:product_submit", "pk"): "product",
    ("catalog:product_review", "pk"): "product",
    ("catalog:certificate_edit", "pk"): "certificate",
    ("catalog:channel_edit", "pk"): "channel",
    ("catalog:category_edit", "pk"): "category",
    ("catalog:bundle_edit", "pk"): "bundle",
    ("tenders", "pk"): "tender",
    ("api", "tender_id"): "tender",
    ("api", "round_id"): "purchase_round",
    ("api", "item_id"): "round_item",
    ("purchasing", "pk"): "purchase_round",
    ("purchasing", "item_pk"): "round_item",
    ("purchasing", "member_pk"): "member",
    ("purchasing", "supplier_pk"): "purchase_supplier",
    ("purchasing:supplier", "pk"): "purchase_supplier",
    ("purchasing:supplier_edit", "pk"): "purchase_supplier",
    ("purchasing:supplier_delete", "pk"): "purchase_supplier",
    ("purchasing:price_list_create", "pk"): "purchase_supplier",
    ("purchasing:price_list_edit", "pk"): "price_list",
    ("purchasing:price_list_delete", "pk"): "price_list",
    ("purchasing:item_edit", "pk"): "purchase_item",
    ("contracts:delivery_check", "pk"): "contract_delivery",
    ("contracts:delivery_deliver", "pk"): "contract_delivery",
    ("contracts:delivery_note_pdf", "pk"): "contract_delivery",
    ("contracts:grn_pdf", "pk"): "contract_receipt",
    ("contracts:invoice_pdf", "pk"): "buyer_invoice",
    ("contracts:invoice_pay", "pk"): "buyer_invoice",
    ("contracts:capacity_overview", "pk"): "contract",
    ("contracts:allocation_rule", "pk"): "contract",
    ("contracts:allocation_schedule", "pk"): "contract",
    ("contracts:delivery_allotments", "pk"): "contract",
    ("contracts:allocate_delivery", "pk"): "contract",
    ("contracts:record_withdrawal", "pk"): "contract",
    ("contracts:member_capacity", "pk"): "contract",
    ("contracts:my_allotment", "pk"): "allotment",
    ("contracts:withdraw_allotment", "pk"): "allotment",
    ("contracts", "delivery_pk"): "allotted_delivery",
    ("contracts", "allotment_pk"): "allotment",
    ("api", "contract_id"): "contract",
    ("api", "delivery_id"): "allotted_delivery",
    ("contracts:dispute", "pk"): "contract_dispute",
    ("contracts:dispute_mediate", "pk"): "contract_dispute",
    ("contracts:dispute_resolve", "pk"): "contract_dispute",
    ("contracts:buyer_dispute", "pk"): "contract_dispute",
    ("contracts:my_dispute", "pk"): "contract_dispute",
    ("contracts:dispute_open", "delivery_pk"): "dispute_delivery",
    ("contracts:buyer_dispute_open", "delivery_pk"): "dispute_delivery",
    ("contracts:my_dispute_open", "allotment_pk"): "contract_allotment",
    ("contracts", "pk"): "contract",
    # The buyer's own page of a contract: the one whose buyer record is the walker's.
    ("contracts:my_contract", "pk"): "buyer_own_contract",
    ("contracts:grade", "pk"): "grade",
    ("contracts:grade_edit", "pk"): "grade",
    ("contracts:grade_approve", "pk"): "grade",
    ("contracts:grade_floor", "pk"): "grade",
    ("contracts:approval_end", "pk"): "grade_approval",
    ("resources:maintenance_cancel", "pk"): "maintenance_window",
    ("resources:my_waitlist_withdraw", "pk"): "waitlist_entry",
    ("resources:booking", "pk"): "booking",
    ("resources:booking_approve", "pk"): "booking",
    ("resources:booking_reject", "pk"): "booking",
    ("resources:booking_cancel", "pk"): "booking",
    ("resources:my_booking_cancel", "pk"): "booking",
    ("resources", "asset_pk"): "booking_asset",
    # Shared resources (guyub/testing/resources.py: resources_walk_world).
    ("resources:asset_deactivate", "pk"): "spare_asset",
    ("resources:asset_reactivate", "pk"): "spare_asset",
    ("resources:handover", "pk"): "resource_booking",
    ("resources:check_out", "pk"): "resource_booking",
    ("resources:check_in", "pk"): "resource_booking",
    ("resources:booking_pay", "pk"): "resource_booking",
    ("resources:my_booking_pay", "pk"): "resource_booking",
    ("resources", "photo_pk"): "asset_photo",
    ("resources", "qualification_pk"): "qualification",
    ("resources", "pk"): "asset",
    # Member loans: an application waiting (assess, decide) and a running loan.
    ("support:loan_assess", "pk"): "loan_applied",
    ("support:loan_decide", "pk"): "loan_applied",
    ("support:loan_disburse", "pk"): "loan_applied",
    ("support", "pk"): "loan",
    ("support", "instalment_pk"): "instalment",
    ("support:grant", "pk"): "solidarity_grant",
    ("support:grant_decide", "pk"): "solidarity_grant",
    ("support:grant_pay", "pk"): "solidarity_grant",
    ("support:my_grant", "pk"): "solidarity_grant",
    ("support:post", "pk"): "help_post",
    ("support:post_done", "pk"): "help_post",
    ("support:post_hide", "pk"): "help_post",
    ("support:reply_hide", "pk"): "help_reply",
    # governance: meetings — every page of the package points at the draft meeting
    # (guyub/testing/governance_meetings.py: meetings_walk_world).
    ("governance:meeting", "pk"): "gov_draft_meeting",
    ("governance:meeting_edit", "pk"): "gov_draft_meeting",
    ("governance:agenda_item_new", "pk"): "gov_draft_meeting",
    ("governance:agenda_standard", "pk"): "gov_draft_meeting",
    ("governance:agenda_item_edit", "pk"): "gov_draft_meeting",
    ("governance:agenda_item_edit", "item_pk"): "gov_draft_item",
    ("governance:agenda_item_move", "pk"): "gov_draft_meeting",
    ("governance:agenda_item_move", "item_pk"): "gov_draft_item",
    ("governance:document_new", "pk"): "gov_draft_meeting",
    ("governance:document", "pk"): "gov_draft_meeting",
    ("governance:document", "doc_pk"): "gov_draft_document",
    # governance: attendance — every page is on one meeting; a member's document.
    **{(f"governance:{name}", "pk"): "governance_meeting" for name in (
        "meeting_call", "meeting_open", "meeting_adjourn", "meeting_reconvene", "register",
        "door", "attendance", "quorum_meter", "proxies", "my_meeting", "my_document",
        "join_online", "heartbeat", "my_proxy")},
    ("governance:my_document", "doc_pk"): "governance_document",
    ("api", "meeting_id"): "governance_meeting",
    # governance: ballots (guyub/testing/governance_ballots.py: ballots_walk_world)
    ("governance:votes", "pk"): "ballot_meeting",
    ("governance:vote_new", "pk"): "ballot_meeting",
    ("governance:vote_new", "item_pk"): "ballot_item",
    ("governance:room", "pk"): "ballot_meeting",
    ("governance:vote", "vote_pk"): "closed_vote",
    ("governance:vote_open", "vote_pk"): "closed_vote",
    ("governance:vote_close", "vote_pk"): "closed_vote",
    ("governance:tablet", "vote_pk"): "closed_vote",
    ("governance:results", "vote_pk"): "closed_vote",
    ("governance:receipt_check", "vote_pk"): "closed_vote",
    ("governance:vote_export", "vote_pk"): "closed_vote",
    ("governance:cast", "vote_pk"): "closed_vote",
    # governance: ballots (paper)
    **{(f"governance:{name}", "vote_pk"): "closed_vote" for name in (
        "paper", "paper_hand_out", "paper_enter", "paper_confirm")},
    ("governance:paper_confirm", "batch_pk"): "paper_batch",
    ("api", "vote_id"): "closed_vote",
    # governance: decisions, elections, minutes (guyub/testing/governance_elections.py)
    ("governance:decision", "pk"): "gov_decision",
    ("governance:item_decide", "pk"): "gov_meeting",
    ("governance:item_decide", "item_pk"): "gov_item",
    ("governance:meeting_delegates", "pk"): "gov_meeting",
    ("governance:election_new", "pk"): "gov_meeting",
    ("governance:election_new", "item_pk"): "gov_election_item",
    ("governance:election", "vote_pk"): "gov_election_vote",
    ("governance:election_close", "vote_pk"): "gov_election_vote",
    ("governance:meeting_close", "pk"): "gov_meeting",
    ("governance:minutes_sign", "pk"): "gov_meeting",
    ("governance:minutes_pdf", "pk"): "gov_meeting",
    # finance: the SHU plans (guyub/testing/finance_plans.py: plans_walk_world)
    **{(f"finance:{name}", "pk"): "shu_plan" for name in (
        "shu_plan", "shu_plan_export", "shu_plan_pdf", "shu_plan_propose",
        "shu_plan_withdraw", "shu_plan_post")},
    ("finance:shu_share_pay", "pk"): "shu_share",
}
CHOICE_PARAMS = {
    ("members:status", "to_status"): sorted(STATUS_PERMISSION),
    ("members:simpanan_record", "action"): sorted(SIMPANAN_ACTIONS),
    ("core:run_job", "name"): ["close_due_tenders"],
    ("contracts:version_pdf", "version"): [1],
    # finance: the year-end close of the current year, which has not ended: the close
    # is refused (the page still answers), so the walk closes nothing other pages need.
    ("finance:close_confirm", "year"): [dt.date.today().year],
    ("finance:close_year", "year"): [dt.date.today().year],
    ("finance:adjust", "year"): [dt.date.today().year],
    **{(f"finance:{name}", "year"): [2025] for name in (
        "shu_simulate", "shu_simulate_export", "shu_save_draft")},
    ("finance:my_shu_take", "year"): [2025],
    ("finance:my_shu_statement", "year"): [2025],
    # finance: statements of the walk's year (its books may be empty: the page says so),
    # each statement, and a line every statement but the notes has.
    ("finance", "year"): [dt.date.today().year],
    ("finance:statement", "statement"): ["posisi-keuangan", "hasil-usaha",
                                         "perubahan-ekuitas", "arus-kas", "catatan"],
    ("finance:statement_line", "statement"): ["posisi-keuangan", "hasil-usaha",
                                              "perubahan-ekuitas", "arus-kas"],
    ("finance:statement_line", "line"): ["shu"],
    ("api", "year"): [dt.date.today().year],  # the finance statements of the API
}


def _lookup(table: dict, route: Route, param: str):
    keys = [(n, param) for n in route.names] + [(n.split(":")[0], param) for n in route.names]
    return next((table[k] for k in keys if k in table), None)


def values_for(route: Route, world: dict) -> list[dict]:
    """The URL kwargs pointing at `world`'s objects; several when a choice varies."""
    combos = [{route.tenant_param: world["coop"].slug}]
    for param in route.params:
        if param == route.tenant_param:
            continue
        choices = _lookup(CHOICE_PARAMS, route, param)
        if choices is not None:
            combos = [{**c, param: v} for c in combos for v in choices]
            continue
        target = _lookup(OBJECT_PARAMS, route, param)
        if target is None:
            pytest.fail(f"The URL walk does not know what <{param}> in {route.route} "
                        f"points at: add it to OBJECT_PARAMS or CHOICE_PARAMS in "
                        f"{__name__}.")
        combos = [{**c, param: world[target].pk} for c in combos]
    return combos


@cache
def openapi_schema() -> dict:
    from guyub.api import api

    return api.get_openapi_schema()
