"""The board publishes where buyers pay: a bank account (name, number and holder, all
three or none) and optionally a QRIS merchant; officers find the public storefront in
their navigation."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from guyub.core import services
from guyub.core.models import PAYMENT_FIELDS, AuditLog, Cooperative
from guyub.core.roles import Role

from .helpers import api, settings_form_data

ACCOUNT = {"bank_name": "Bank BRI", "bank_account_number": "0245-01-001873-30-2",
           "bank_account_holder": "Koperasi Produsen Maju Bersama"}
DIGITS_ONLY = ("Nomor rekening hanya berisi angka, 6 sampai 20 digit "
               "(spasi, titik dan tanda hubung boleh diketik).")
TOGETHER = ("Nama bank, nomor rekening dan nama pemilik rekening diisi bersama, "
            "atau dikosongkan ketiganya.")


def settings_url(coop):
    return f"/k/{coop.slug}/pengaturan/"


def reloaded(coop):
    return Cooperative.objects.get(pk=coop.pk)


def audit_entries(coop):
    with scopes_disabled():
        return list(AuditLog.objects.filter(cooperative=coop, action="cooperative.updated"))


def post(client, coop, **changes):
    return client.post(settings_url(coop), settings_form_data(coop, **changes))


def nothing_saved(coop):
    fresh = reloaded(coop)
    return all(getattr(fresh, f) == "" for f in PAYMENT_FIELDS) and audit_entries(coop) == []


# --- the settings page ------------------------------------------------------------------


def test_the_settings_page_has_a_payment_section(board_client, coop):
    page = board_client.get(settings_url(coop)).content.decode()
    assert '<fieldset class="tiers" id="payment-details">' in page
    assert "Rekening pembayaran" in page
    for field in PAYMENT_FIELDS:
        assert f'name="{field}"' in page


def test_an_account_typed_with_dashes_is_saved_as_digits_and_audited(board_client, board, coop):
    response = post(board_client, coop, **ACCOUNT)
    assert response.status_code == 302
    fresh = reloaded(coop)
    assert fresh.bank_name == "Bank BRI"
    assert fresh.bank_account_number == "024501001873302"
    assert fresh.bank_account_holder == "Koperasi Produsen Maju Bersama"
    assert fresh.has_bank_account and not fresh.has_qris

    [entry] = audit_entries(coop)
    assert entry.actor == board
    assert entry.data["changes"]["bank_account_number"] == ["", "024501001873302"]
    assert set(entry.data["changes"]) == {"bank_name", "bank_account_number",
                                          "bank_account_holder"}


def test_a_changed_account_gets_an_audit_entry_of_its_own(board_client, board, coop):
    post(board_client, coop, **ACCOUNT)
    post(board_client, coop, **ACCOUNT | {"bank_account_number": "0245-01-999999-30-2"},
         ppn_rate="12")

    with scopes_disabled():
        entries = list(AuditLog.objects.filter(
            cooperative=coop, action="cooperative.payment_details_changed").order_by("id"))
    assert [e.data["changes"] for e in entries] == [
        {"bank_name": ["", "Bank BRI"], "bank_account_number": ["", "024501001873302"],
         "bank_account_holder": ["", "Koperasi Produsen Maju Bersama"]},
        # Only the account: the tax rate changed too, but that is no payment detail.
        {"bank_account_number": ["024501001873302", "024501999999302"]},
    ]
    assert all(e.actor == board for e in entries)


@pytest.mark.parametrize("typed", ["0245 0100 1873 302", "0245.01.001873.30.2",
                                   " 0245-0100-1873-302 "])
def test_spaces_dots_and_dashes_are_removed(board_client, coop, typed):
    assert post(board_client, coop, **ACCOUNT | {"bank_account_number": typed}
                ).status_code == 302
    assert reloaded(coop).bank_account_number == "024501001873302"


@pytest.mark.parametrize("typed", ["0245-01-00187A-30-2", "12345", "1" * 21, "0245/01/0018",
                                   "Rp 1.000.000"])
def test_an_account_number_that_is_not_6_to_20_digits_is_refused_in_indonesian(
        board_client, coop, typed):
    response = post(board_client, coop, **ACCOUNT | {"bank_account_number": typed})
    assert response.status_code == 200
    errors = response.context["form"].errors
    # One clear message on the number, and no "fill it in" on top of it.
    assert errors["bank_account_number"] == [DIGITS_ONLY]
    assert set(errors) == {"bank_account_number"}
    assert DIGITS_ONLY in response.content.decode()
    assert nothing_saved(coop)


@pytest.mark.parametrize("given", [
    {"bank_name": "Bank BRI"},
    {"bank_account_number": "024501001873302"},
    {"bank_name": "Bank BRI", "bank_account_number": "024501001873302"},
    {"bank_account_holder": "Koperasi Produsen Maju Bersama"},
])
def test_a_half_filled_account_names_each_missing_part_and_saves_nothing(
        board_client, coop, given):
    response = post(board_client, coop, **given)
    assert response.status_code == 200
    errors = response.context["form"].errors
    missing = {"bank_name", "bank_account_number", "bank_account_holder"} - set(given)
    assert set(errors) == missing
    labels = {"bank_name": "nama bank", "bank_account_number": "nomor rekening",
              "bank_account_holder": "nama pemilik rekening"}
    for field in missing:
        assert errors[field] == [f"Isi juga {labels[field]}. {TOGETHER}"]
    assert "Periksa kembali isian yang ditandai." in response.content.decode()
    assert nothing_saved(coop)


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("bank_name", "BR", "Nama bank minimal 3 karakter, misalnya Bank BRI."),
    ("bank_name", "002", "Nama bank harus berisi huruf, misalnya Bank BRI."),
    ("bank_account_holder", "12345", "Nama pemilik rekening harus berisi huruf."),
    ("bank_account_holder", "A", "Nama pemilik rekening minimal 3 karakter."),
])
def test_bank_and_holder_names_must_read_as_names(board_client, coop, field, typed, message):
    response = post(board_client, coop, **ACCOUNT | {field: typed})
    assert message in response.context["form"].errors[field]
    assert nothing_saved(coop)


def test_the_account_may_be_removed_again(board_client, coop):
    post(board_client, coop, **ACCOUNT)
    coop.refresh_from_db()
    response = post(board_client, coop, bank_name="", bank_account_number="",
                    bank_account_holder="")
    assert response.status_code == 302
    assert not reloaded(coop).has_bank_account


def test_a_qris_nmid_is_upper_cased_and_compacted(board_client, coop):
    response = post(board_client, coop, qris_merchant_name="KOPERASI MAJU BERSAMA",
                    qris_nmid="id 1020 0123 4567 8")
    assert response.status_code == 302
    fresh = reloaded(coop)
    assert fresh.qris_nmid == "ID1020012345678"
    assert fresh.has_qris and not fresh.has_bank_account


@pytest.mark.parametrize("nmid", ["1020012345678", "ID102001234567", "ID10200123456789",
                                  "IX1020012345678"])
def test_a_wrong_nmid_is_refused_in_indonesian(board_client, coop, nmid):
    response = post(board_client, coop, qris_merchant_name="KOPERASI MAJU", qris_nmid=nmid)
    assert response.context["form"].errors["qris_nmid"] == [
        "NMID QRIS terdiri dari huruf ID dan 13 digit angka, misalnya ID1020012345678."]
    assert nothing_saved(coop)


def test_a_qris_name_needs_its_nmid(board_client, coop):
    response = post(board_client, coop, qris_merchant_name="KOPERASI MAJU")
    assert response.context["form"].errors["qris_nmid"] == [
        "Isi juga NMID QRIS. Nama merchant QRIS dan NMID diisi bersama, "
        "atau dikosongkan keduanya."]
    assert nothing_saved(coop)


def test_only_the_board_edits_the_account(client, coop, make_user):
    client.force_login(make_user(coop, Role.STAFF))
    response = client.post(settings_url(coop), settings_form_data(coop, **ACCOUNT))
    assert response.status_code == 403
    assert nothing_saved(coop)


# --- API and service ---------------------------------------------------------------------


def test_the_api_sets_and_shows_the_account(board_client, coop):
    url = f"/api/v1/cooperatives/{coop.slug}"
    response = api(board_client, "patch", url, ACCOUNT)
    assert response.status_code == 200, response.content
    assert response.json()["bank_account_number"] == "024501001873302"
    assert api(board_client, "get", url).json()["bank_name"] == "Bank BRI"


def test_the_api_refuses_half_an_account_with_the_fields_named(board_client, coop):
    response = api(board_client, "patch", f"/api/v1/cooperatives/{coop.slug}",
                   {"bank_name": "Bank BRI"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"bank_account_number", "bank_account_holder"}
    assert errors["bank_account_number"] == [f"Isi juga nomor rekening. {TOGETHER}"]
    assert nothing_saved(coop)


def test_the_service_refuses_half_an_account_too(coop, board):
    with scope(cooperative=coop), pytest.raises(ValidationError) as refused:
        services.update_cooperative(cooperative=coop, actor=board,
                                    data={"bank_name": "Bank BRI",
                                          "bank_account_number": "024501001873302"})
    assert set(refused.value.message_dict) == {"bank_account_holder"}
    assert nothing_saved(coop)


# --- the officers' link to the public storefront --------------------------------------


def nav_of(client, coop):
    return {item["label"]: item for item in client.get(f"/k/{coop.slug}/").context["nav_items"]}


@pytest.mark.parametrize("role", [Role.BOARD, Role.STAFF, Role.SUPERVISOR])
def test_officers_get_a_link_to_the_public_storefront_in_a_new_tab(client, coop, make_user,
                                                                   role):
    client.force_login(make_user(coop, role))
    nav = nav_of(client, coop)
    assert nav["Toko publik"]["url"] == "/toko/maju/"
    page = client.get(f"/k/{coop.slug}/").content.decode()
    assert '<a href="/toko/maju/" target="_blank" rel="noopener" class="nav-out">' in page


@pytest.mark.parametrize("role", [Role.MEMBER, Role.BUYER, Role.SUPPLIER])
def test_members_buyers_and_suppliers_get_no_officer_storefront_link(client, coop, make_user,
                                                                     role):
    client.force_login(make_user(coop, role))
    nav = nav_of(client, coop)
    assert "Toko publik" not in nav
    assert 'class="nav-out"' not in client.get(f"/k/{coop.slug}/").content.decode()
    # A buyer keeps their own shop link, in the same tab.
    assert ("Toko" in nav) == (role == Role.BUYER)


def test_a_buyer_who_is_also_staff_sees_the_storefront_once(client, coop, make_user):
    client.force_login(make_user(coop, Role.STAFF, Role.BUYER))
    urls = [item["url"] for item in nav_of(client, coop).values()]
    assert urls.count("/toko/maju/") == 1


def test_each_refusal_is_said_once(board_client, coop):
    # The form used to repeat the model's SHU check, so the page said it twice.
    response = post(board_client, coop, shu_reserve_pct="39", bank_name="Bank BRI")
    page = response.content.decode()
    assert page.count("Pembagian SHU harus berjumlah tepat 100%; sekarang 99%.") == 1
    assert page.count("Isi juga nomor rekening.") == 1
