"""Each role sees what guyub.core.roles.PERMISSIONS grants it, and nothing more.

The expectations come from the table itself, so a change of a right is a change of
one line there; the tables below only say which right each page and endpoint asks
for, and the tests fail when a page or endpoint is missing from them.
"""

import datetime as dt

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from guyub.core.models import Cooperative
from guyub.core.roles import PERMISSIONS, Role
from guyub.members.models import Member
from guyub.members.views import STATUS_PERMISSION
from guyub.purchasing.models import PriceList
from guyub.testing.factories import MemberFactory, valid_nik
from guyub.testing.purchasing import open_round
from guyub.testing.store import notify_body, order_body, world_order
from guyub.testing.tenders import api_tender, bid_body, invite_everywhere, supplier_account

from .helpers import api, build_world, issue_token, settings_form_data
from .urlwalk import openapi_schema, tenant_routes, values_for

ROLES = list(Role.values)

# URL name -> (HTTP method, the right it asks for). members:status is separate below.
PAGES = {
    "core:dashboard": ("get", "coop.view"),
    "core:settings": ("get", "coop.edit"),
    "core:audit": ("get", "audit.view"),
    "core:tokens": ("get", "tokens.manage"),
    "core:revoke_token": ("post", "tokens.manage"),
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
    # Officers follow the rounds, members commit to them (the open round of _api_call).
    ("get", "/api/v1/cooperatives/{slug}/rounds"): "purchasing.read",
    ("get", "/api/v1/cooperatives/{slug}/rounds/{round_id}"): "purchasing.read",
    ("post", "/api/v1/cooperatives/{slug}/rounds/{round_id}/items/{item_id}/commitment"):
        "purchasing.commit",
    ("post", "/api/v1/cooperatives/{slug}/rounds/{round_id}/close"): "purchasing.manage",
}
# POSTs that change something existing answer 200, not 201.
OK_200 = {("post", "/api/v1/cooperatives/{slug}/rounds/{round_id}/items/{item_id}/commitment"),
          ("post", "/api/v1/cooperatives/{slug}/rounds/{round_id}/close")}
# Open to anyone, without a login or token (the storefront).
PUBLIC_API = {("get", "/api/v1/cooperatives/{slug}/storefront/search")}
STATUS_API = ("post", "/api/v1/cooperatives/{slug}/members/{member_id}/status")
# Which member a lifecycle step can be taken on.
STATUS_FROM = {"active": Member.Status.APPLICANT, "rejected": Member.Status.APPLICANT,
               "exited": Member.Status.ACTIVE, "expelled": Member.Status.ACTIVE}


def allowed(permission: str | None) -> set[str]:
    return set(ROLES) if permission is None else set(PERMISSIONS[permission])


def status_allowed(to_status: str) -> set[str]:
    # The status page needs the member register first, then the step's own right.
    return allowed("members.view") & allowed(STATUS_PERMISSION[to_status])


@pytest.fixture
def role_user(coop, make_user):
    """A user holding only `role` in the cooperative (a member also has their record)."""

    def make(role):
        user = make_user(coop, role)
        if role == Role.MEMBER:
            MemberFactory(cooperative=coop, user=user)
        if role == Role.SUPPLIER:
            # Invited to the world's tender (a supplier opens only those it is invited to).
            invite_everywhere(supplier_account(coop, "UD Pemasok Uji", user=user))
        return user

    return make


@pytest.fixture
def cast(coop, role_user):
    """One user per role, each with a signed-in client and a token client."""
    people = {}
    for role in ROLES:
        user = role_user(role)
        session = Client()
        session.force_login(user)
        token = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, user)[1]}")
        people[role] = {"user": user, "session": session, "token": token}
    return people


def expected(role, allowed_roles, ok_status, own_right=None):
    if role in allowed_roles:
        return ok_status
    return 404 if own_right and role in allowed(own_right) else 403


@pytest.fixture
def world(coop, board):
    """One of everything a page can point at; the member belongs to the board user,
    so for every role tested it is someone else's record."""
    return build_world(coop, board, "Ibu Sumarni")


@pytest.fixture
def some_member(world):
    return world["member"]


@pytest.fixture
def page_url(world):
    def url(name):
        route = next(r for r in tenant_routes() if name in r.names)
        return route.url(values_for(route, world)[0])

    return url


def _status_of(member):
    with scopes_disabled():
        return Member.objects.get(pk=member.pk).status


# --- the tables cover everything -------------------------------------------------------


def test_every_cooperative_page_has_its_right_listed_here():
    pages = {n for r in tenant_routes() if not r.is_api for n in r.names}
    assert pages == set(PAGES) | {"members:status"}


def test_every_api_operation_has_its_right_listed_here():
    operations = {(method, path) for path, item in openapi_schema()["paths"].items()
                  for method in item if method in {"get", "post", "put", "patch", "delete"}}
    assert operations == set(API) | {STATUS_API}


def test_the_permission_table_only_names_real_roles():
    for permission, roles in PERMISSIONS.items():
        assert roles and roles <= set(ROLES), permission


# --- pages ---------------------------------------------------------------------------------


def test_every_page_answers_each_role_as_the_permission_table_says(cast, page_url):
    # One pass over all pages and roles; every mismatch is listed, not just the first.
    wrong = {}
    for name, (method, permission) in sorted(PAGES.items()):
        ok = 302 if method == "post" else 200
        for role in ROLES:
            response = getattr(cast[role]["session"], method)(page_url(name))
            want = expected(role, allowed(permission), ok, OWN_RECORD_PAGES.get(name))
            if response.status_code != want:
                wrong[f"{name} as {role}"] = response.status_code
    assert wrong == {}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_sends_an_anonymous_visitor_to_the_login(client, page_url, name):
    method, _permission = PAGES[name]
    url = page_url(name)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/?next=")


def _member_ready_for(coop, to_status):
    start = STATUS_FROM[to_status]
    if start == Member.Status.APPLICANT:
        return MemberFactory(cooperative=coop, status=start, number=None, join_date=None)
    return MemberFactory(cooperative=coop, status=start)


@pytest.fixture
def numbers_past_the_factories(coop):
    # Approving hands out the next number from the cooperative's counter; start it
    # above the numbers the factory gives, so the two never collide.
    Cooperative.objects.filter(pk=coop.pk).update(last_member_number=100_000)


@pytest.mark.parametrize("to_status", sorted(STATUS_PERMISSION))
def test_a_lifecycle_step_is_taken_only_by_the_roles_the_table_allows(
        cast, coop, numbers_past_the_factories, to_status):
    wrong = {}
    for role in ROLES:
        member = _member_ready_for(coop, to_status)
        response = cast[role]["session"].post(
            f"/k/{coop.slug}/anggota/{member.pk}/status/{to_status}/",
            {"date": dt.date.today().isoformat(), "reason": "Uji hak"})
        may = role in status_allowed(to_status)
        status = _status_of(member)
        if response.status_code != (302 if may else 403) or (status == to_status) != may:
            wrong[role] = (response.status_code, status)
    assert wrong == {}


def test_an_anonymous_visitor_cannot_take_a_lifecycle_step(client, coop, some_member):
    response = client.post(f"/k/{coop.slug}/anggota/{some_member.pk}/status/exited/",
                           {"date": dt.date.today().isoformat()})
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")
    assert _status_of(some_member) == Member.Status.ACTIVE


# --- API ---------------------------------------------------------------------------------


def _open_round(coop):
    """A round open now on the world's price list (the world's own round is received):
    a fresh one for each call, so closing it by hand succeeds for every role allowed."""
    with scope(cooperative=coop):
        price_list = PriceList.objects.get(item__name="Gula aren cetak")
        round_ = open_round(coop, None, price_list, title="Gula aren bersama (uji hak)")
        return round_, round_.items.get()


def _api_call(coop, method, path, member, n=0):
    round_, round_item = _open_round(coop) if "{round_id}" in path else (None, None)
    url = path.format(slug=coop.slug, member_id=member.pk, order_id=world_order(member).pk,
                      tender_id=api_tender(coop).pk, round_id=getattr(round_, "pk", None),
                      item_id=getattr(round_item, "pk", None))
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
    }
    if (method, path) == ("post", "/api/v1/cooperatives/{slug}/payments/notify"):
        return url, notify_body(member, n)
    return url, bodies.get((method, path))


@pytest.mark.parametrize("auth", ["session", "token"])
def test_every_endpoint_answers_each_role_as_the_permission_table_says(
        cast, coop, some_member, auth):
    wrong = {}
    for i, ((method, path), permission) in enumerate(sorted(API.items())):
        ok = 201 if method == "post" and (method, path) not in OK_200 else 200
        for n, role in enumerate(ROLES):
            url, body = _api_call(coop, method, path, some_member, n=i * 10 + n)
            response = api(cast[role][auth], method, url, body)
            if response.status_code != expected(role, allowed(permission), ok):
                wrong[f"{method.upper()} {path} as {role}"] = (response.status_code,
                                                               response.content[:120])
            elif response.status_code == 403 and not response.json().get("detail"):
                wrong[f"{method.upper()} {path} as {role}"] = "403 without a detail"
    assert wrong == {}


@pytest.mark.parametrize("to_status", sorted(STATUS_PERMISSION))
def test_the_status_endpoint_follows_the_table_for_each_step(
        cast, coop, numbers_past_the_factories, to_status):
    wrong = {}
    for role in ROLES:
        member = _member_ready_for(coop, to_status)
        response = api(cast[role]["token"], "post",
                       f"/api/v1/cooperatives/{coop.slug}/members/{member.pk}/status",
                       {"status": to_status, "date": dt.date.today().isoformat(),
                        "reason": "Uji hak"})
        may = role in status_allowed(to_status)
        status = _status_of(member)
        if response.status_code != (200 if may else 403) or (status == to_status) != may:
            wrong[role] = (response.status_code, status, response.content[:200])
    assert wrong == {}


@pytest.mark.parametrize("operation", sorted(set(API) - PUBLIC_API) + [STATUS_API],
                         ids=lambda op: f"{op[0]} {op[1]}")
def test_an_endpoint_is_401_without_a_login_or_token(client, coop, some_member, operation):
    method, path = operation
    url, body = _api_call(coop, method, path, some_member)
    if operation == STATUS_API:
        body = {"status": "exited", "date": dt.date.today().isoformat()}
    response = api(client, method, url, body)
    assert response.status_code == 401
    assert response.json()["detail"]


@pytest.mark.parametrize("operation", sorted(PUBLIC_API), ids=lambda op: f"{op[0]} {op[1]}")
def test_a_public_endpoint_answers_without_a_login_or_token(client, coop, some_member,
                                                             operation):
    method, path = operation
    url, body = _api_call(coop, method, path, some_member)
    assert api(client, method, url, body).status_code == 200


def test_a_made_up_token_is_401(coop, bearer_client):
    response = bearer_client("gy_tidak-ada-token-seperti-ini").get(
        f"/api/v1/cooperatives/{coop.slug}")
    assert response.status_code == 401


# --- facts a user would notice -------------------------------------------------------------


def test_a_buyer_cannot_see_the_member_list(client, coop, role_user, some_member):
    client.force_login(role_user(Role.BUYER))
    response = client.get(f"/k/{coop.slug}/anggota/")
    assert response.status_code == 403
    assert b"Ibu Sumarni" not in response.content
    assert api(client, "get", f"/api/v1/cooperatives/{coop.slug}/members").status_code == 403
    # Nor is it offered in the navigation of the pages the buyer may open.
    dashboard = client.get(f"/k/{coop.slug}/")
    assert dashboard.status_code == 200
    assert f'href="/k/{coop.slug}/anggota/"'.encode() not in dashboard.content


def test_a_supervisor_reads_the_audit_log_but_cannot_change_settings(client, coop, role_user):
    client.force_login(role_user(Role.SUPERVISOR))
    assert client.get(f"/k/{coop.slug}/audit/").status_code == 200
    assert client.get(f"/k/{coop.slug}/pengaturan/").status_code == 403
    response = client.post(f"/k/{coop.slug}/pengaturan/",
                           settings_form_data(coop, name="Koperasi Diambil Alih"))
    assert response.status_code == 403
    patch = api(client, "patch", f"/api/v1/cooperatives/{coop.slug}",
                {"name": "Koperasi Diambil Alih"})
    assert patch.status_code == 403
    assert Cooperative.objects.get(pk=coop.pk).name == "Koperasi Produsen Maju Bersama"


def test_staff_cannot_approve_an_application(client, coop, role_user, bearer_client):
    applicant = MemberFactory(cooperative=coop, status=Member.Status.APPLICANT, number=None)
    staff = role_user(Role.STAFF)
    client.force_login(staff)
    assert client.get(f"/k/{coop.slug}/permohonan/").status_code == 403
    response = client.post(f"/k/{coop.slug}/anggota/{applicant.pk}/status/active/",
                           {"date": dt.date.today().isoformat()})
    assert response.status_code == 403
    token_client = bearer_client(issue_token(coop, staff)[1])
    response = api(token_client, "post",
                   f"/api/v1/cooperatives/{coop.slug}/members/{applicant.pk}/status",
                   {"status": "active", "date": dt.date.today().isoformat()})
    assert response.status_code == 403
    assert _status_of(applicant) == Member.Status.APPLICANT


def test_a_user_with_roles_elsewhere_only_gets_404_here(client, coop, other_coop, make_user):
    client.force_login(make_user(other_coop, *ROLES))
    assert client.get(f"/k/{coop.slug}/").status_code == 404
