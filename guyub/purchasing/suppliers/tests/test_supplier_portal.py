"""The supplier's portal: a supplier login sees the purchase orders made on its own price
lists once a round has closed, and downloads them; nothing of other suppliers."""

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.roles import Role
from guyub.purchasing.models import Supplier
from guyub.purchasing.rounds import services
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_pages import commit, signed_in, url
from guyub.testing.purchasing import open_round, supplier_offer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_pdf_layout(monkeypatch):
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **kw: b"%PDF-1.7 uji")


@pytest.fixture
def two_suppliers(coop, board, make_user):
    """Jars from CV Sumber Kemasan (with a login), soybeans from UD Tani Makmur (with
    another), both in one round that members committed to."""
    jar_login, soy_login = make_user(coop, Role.SUPPLIER), make_user(coop, Role.SUPPLIER)
    with scope(cooperative=coop):
        jars = supplier_offer(coop, board, name="CV Sumber Kemasan", item="Toples kaca",
                              unit="pcs", pack="24", tiers=((0, 5200), (240, 4600)))
        soy = supplier_offer(coop, board, name="UD Tani Makmur", item="Kedelai")
        Supplier.objects.filter(pk=jars.supplier_id).update(user=jar_login)
        Supplier.objects.filter(pk=soy.supplier_id).update(user=soy_login)
        round_ = open_round(coop, board, jars, soy, title="Toples dan kedelai")
        items = {i.price_list_id: i for i in round_.items.all()}
    member = MemberFactory(cooperative=coop)
    commit(items[jars.pk], member, 48)
    commit(items[soy.pk], member, 100)
    return {"round": round_, "jars": jars, "soy": soy, "jar_client": signed_in(jar_login),
            "soy_client": signed_in(soy_login)}


def close(round_, board):
    with scope(cooperative=round_.cooperative):
        services.close_round(round_=round_, actor=board)


def test_no_purchase_order_before_the_round_closes(coop, two_suppliers):
    w = two_suppliers
    html = w["jar_client"].get(url("supplier_portal", coop)).content.decode()
    assert "Belum ada pesanan pembelian." in html
    pdf = url("po_pdf", coop, w["round"].pk, w["jars"].supplier_id)
    assert w["jar_client"].get(pdf).status_code == 404


def test_a_supplier_sees_only_its_own_purchase_order(coop, board, two_suppliers):
    w = two_suppliers
    close(w["round"], board)
    response = w["jar_client"].get(url("supplier_portal", coop))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Toples dan kedelai" in html and "Toples kaca" in html
    assert "48 pcs" in html and "Rp249.600" in html     # 2 boxes of 24 × Rp5.200
    assert "Kedelai" not in html.replace("Toples dan kedelai", "")
    assert "UD Tani Makmur" not in html
    own = url("po_pdf", coop, w["round"].pk, w["jars"].supplier_id)
    other = url("po_pdf", coop, w["round"].pk, w["soy"].supplier_id)
    assert w["jar_client"].get(own).status_code == 200
    assert w["jar_client"].get(other).status_code == 404
    assert w["soy_client"].get(own).status_code == 404
    assert w["soy_client"].get(other).status_code == 200


def test_a_supplier_login_without_a_supplier_record_sees_an_explanation(coop, board,
                                                                         make_user,
                                                                         two_suppliers):
    close(two_suppliers["round"], board)
    client = signed_in(make_user(coop, Role.SUPPLIER))
    html = client.get(url("supplier_portal", coop)).content.decode()
    assert "belum dihubungkan ke data pemasok" in html
    assert "Toples" not in html


def test_the_supplier_portal_is_for_suppliers_only(coop, make_user, two_suppliers):
    for role in (Role.MEMBER, Role.BUYER, Role.BOARD):
        client = signed_in(make_user(coop, role))
        assert client.get(url("supplier_portal", coop)).status_code == 403, role


def test_a_supplier_opens_none_of_the_staff_pages(coop, board, two_suppliers):
    w = two_suppliers
    close(w["round"], board)
    client = w["jar_client"]
    for name, args in [("rounds", []), ("round", [w["round"].pk]), ("suppliers", []),
                       ("supplier", [w["jars"].supplier_id]), ("items", []),
                       ("round_invoices", [w["round"].pk]), ("pickup_pdf", [w["round"].pk]),
                       ("round_savings", [w["round"].pk])]:
        assert client.get(url(name, coop, *args)).status_code == 403, name


def test_a_supplier_of_another_cooperative_sees_nothing_here(coop, other_coop, board,
                                                            make_user, two_suppliers):
    w = two_suppliers
    close(w["round"], board)
    outsider = make_user(other_coop, Role.SUPPLIER)
    with scopes_disabled():
        # Even linked by mistake to this cooperative's supplier, the login has no role here.
        Supplier.objects.filter(pk=w["jars"].supplier_id).update(user=outsider)
    client = signed_in(outsider)
    assert client.get(url("supplier_portal", coop)).status_code == 404
    pdf = url("po_pdf", coop, w["round"].pk, w["jars"].supplier_id)
    assert client.get(pdf).status_code == 404
    assert "Toples" not in client.get(url("supplier_portal", other_coop)).content.decode()
