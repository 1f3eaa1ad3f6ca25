"""Curation: a member submits, staff or board approve, ask for changes or reject."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from guyub.catalog.models import Product
from guyub.core.models import AuditLog
from guyub.core.roles import Role

pytestmark = pytest.mark.django_db


def url(name, coop, *args):
    return reverse(f"catalog:{name}", args=[coop.slug, *args])


def status_of(product):
    with scopes_disabled():
        return Product.objects.values_list("status", "review_note").get(pk=product.pk)


def test_a_member_submits_their_draft_and_it_waits_in_the_queue(
        coop, member_client, staff_client, food, make_product):
    product = make_product(member_client.member, food)
    response = member_client.post(url("product_submit", coop, product.pk))
    assert response.status_code == 302
    assert status_of(product)[0] == Product.Status.SUBMITTED
    queue = staff_client.get(url("curation", coop))
    assert [p.pk for p, _report in queue.context["rows"]] == [product.pk]


def test_the_queue_shows_the_longest_waiting_first_and_only_submitted(
        coop, member_client, staff_client, food, make_product):
    member = member_client.member
    first = make_product(member, food, name="Bakpia Kacang Hijau", status="submitted")
    second = make_product(member, food, name="Abon Sapi", status="submitted")
    make_product(member, food, name="Draf", status="draft")
    make_product(member, food, name="Sudah", status="approved")
    queue = staff_client.get(url("curation", coop))
    assert [p.pk for p, _r in queue.context["rows"]] == [first.pk, second.pk]


@pytest.mark.parametrize("role", [Role.STAFF, Role.BOARD])
def test_staff_and_board_approve_and_it_is_audited(
        coop, signed_in, member_client, food, make_product, role):
    product = make_product(member_client.member, food, status="submitted")
    curator = signed_in(role)
    response = curator.post(url("product_review", coop, product.pk),
                            {"outcome": "approve", "note": ""})
    assert response.status_code == 302
    assert status_of(product) == (Product.Status.APPROVED, "")
    with scopes_disabled():
        log = AuditLog.objects.get(action="product.approve", object_id=str(product.pk))
    assert log.actor == curator.user


@pytest.mark.parametrize("outcome, status", [("changes", Product.Status.CHANGES),
                                             ("reject", Product.Status.REJECTED)])
def test_asking_for_changes_or_rejecting_needs_a_reason_the_member_then_reads(
        coop, member_client, staff_client, food, make_product, outcome, status):
    product = make_product(member_client.member, food, status="submitted")
    refused = staff_client.post(url("product_review", coop, product.pk),
                                {"outcome": outcome, "note": "   "}, follow=True)
    assert "Tuliskan alasannya untuk anggota." in refused.content.decode()
    assert status_of(product)[0] == Product.Status.SUBMITTED

    note = "Foto kemasan buram; cantumkan tanggal kedaluwarsa pada label."
    staff_client.post(url("product_review", coop, product.pk), {"outcome": outcome, "note": note})
    assert status_of(product) == (status, note)
    page = member_client.get(url("product", coop, product.pk)).content.decode()
    assert note in page
    mine = member_client.get(url("my_products", coop)).content.decode()
    assert note in mine


def test_after_changes_the_member_can_submit_again_but_not_after_rejection(
        coop, member_client, staff_client, food, make_product):
    fixable = make_product(member_client.member, food, status="submitted")
    staff_client.post(url("product_review", coop, fixable.pk),
                      {"outcome": "changes", "note": "Lengkapi berat bersih."})
    member_client.post(url("product_submit", coop, fixable.pk))
    assert status_of(fixable)[0] == Product.Status.SUBMITTED

    refused = make_product(member_client.member, food, name="Jamu", status="submitted")
    staff_client.post(url("product_review", coop, refused.pk),
                      {"outcome": "reject", "note": "Klaim khasiat obat tidak diizinkan."})
    response = member_client.post(url("product_submit", coop, refused.pk), follow=True)
    assert "tidak sedang draf atau perlu perbaikan" in response.content.decode()
    assert status_of(refused)[0] == Product.Status.REJECTED


def test_an_undecided_review_is_refused_with_a_message(
        coop, member_client, staff_client, food, make_product):
    product = make_product(member_client.member, food, status="submitted")
    response = staff_client.post(url("product_review", coop, product.pk),
                                 {"outcome": "publish"}, follow=True)
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert status_of(product)[0] == Product.Status.SUBMITTED


@pytest.mark.parametrize("role", [Role.MEMBER, Role.SUPERVISOR, Role.BUYER])
def test_only_curators_decide(coop, signed_in, member_client, food, make_product, role):
    product = make_product(member_client.member, food, status="submitted")
    response = signed_in(role).post(url("product_review", coop, product.pk),
                                    {"outcome": "approve"})
    assert response.status_code == 403
    assert status_of(product)[0] == Product.Status.SUBMITTED


def test_a_member_cannot_approve_their_own_product(coop, member_client, food, make_product):
    product = make_product(member_client.member, food, status="submitted")
    response = member_client.post(url("product_review", coop, product.pk),
                                  {"outcome": "approve"})
    assert response.status_code == 403
    assert status_of(product)[0] == Product.Status.SUBMITTED


def test_a_supervisor_reads_products_but_cannot_change_them(
        coop, signed_in, member_client, food, make_product):
    product = make_product(member_client.member, food)
    supervisor = signed_in(Role.SUPERVISOR)
    assert supervisor.get(url("products", coop)).status_code == 200
    page = supervisor.get(url("product", coop, product.pk))
    assert page.status_code == 200
    assert url("product_edit", coop, product.pk) not in page.content.decode()
    assert supervisor.get(url("product_edit", coop, product.pk)).status_code == 403
    assert supervisor.get(url("curation", coop)).status_code == 403


def test_changing_an_approved_product_sends_it_back_to_curation(
        coop, member_client, food, make_product):
    product = make_product(member_client.member, food, status="approved")
    form = member_client.get(url("product_edit", coop, product.pk))
    assert "dikirim kembali ke kurasi" in form.content.decode()
    data = {"name": product.name, "category": food.pk, "unit": "pcs",
            "net_weight_grams": 200, "price": "16000", "stock": 40, "min_order_qty": 1,
            "barcode": product.barcode, "hs_code": "", "description": "", "story": "",
            "tier-TOTAL_FORMS": 0, "tier-INITIAL_FORMS": 0}
    response = member_client.post(url("product_edit", coop, product.pk), data)
    assert response.status_code == 302
    assert status_of(product)[0] == Product.Status.SUBMITTED
