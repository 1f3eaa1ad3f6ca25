"""Every catalog form refuses bad input with an Indonesian message and saves nothing."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import Image

from guyub.catalog.models import Bundle, Category, Certificate, Channel, Product, ProductPhoto
from guyub.core.roles import Role

pytestmark = pytest.mark.django_db


def url(name, coop, *args):
    return reverse(f"catalog:{name}", args=[coop.slug, *args])


def count(model):
    with scopes_disabled():
        return model.objects.count()


@pytest.fixture
def product_data(member_client, food):
    """What the staff's product form posts for a valid product."""
    return {"member": member_client.member.pk, "name": "Keripik Tempe Pedas 200 g",
            "category": food.pk, "unit": "pak", "net_weight_grams": "200", "price": "15000",
            "stock": "40", "min_order_qty": "1", "barcode": "", "hs_code": "",
            "description": "", "story": "", "commission_pct": "",
            "tier-TOTAL_FORMS": "3", "tier-INITIAL_FORMS": "0"}


def refused(response, message):
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page, page[page.find('class="alert'):][:600]
    return page


def test_a_valid_product_form_saves(coop, staff_client, product_data):
    assert staff_client.post(url("product_create", coop), product_data).status_code == 302
    assert count(Product) == 1


@pytest.mark.parametrize("changes, message", [
    ({"barcode": "8992761136084"},
     "Digit cek barcode salah: angka terakhir seharusnya 6."),
    ({"barcode": "899276113608"}, "Barcode EAN-13 terdiri dari tepat 13 angka"),
    ({"barcode": "89927611360AB"}, "Barcode EAN-13 terdiri dari tepat 13 angka"),
    ({"hs_code": "HS0901"}, "Kode HS berisi 6–10 digit angka."),
    ({"hs_code": "0901"}, "Kode HS berisi 6–10 digit angka."),
    ({"price": "-15000"}, "Jumlah tidak boleh negatif."),
    ({"price": "15.000,50"}, "Tulis jumlah rupiah tanpa sen, misalnya 90.000."),
    ({"price": ""}, "Bidang ini tidak boleh kosong."),
    ({"net_weight_grams": "-5"}, "Pastikan nilai ini lebih besar dari atau sama dengan"),
    ({"stock": "-1"}, "Pastikan nilai ini lebih besar dari atau sama dengan 0."),
    ({"min_order_qty": "0"}, "Pastikan nilai ini lebih besar dari atau sama dengan 1."),
    ({"category": "999999"}, "Masukkan pilihan yang valid"),
    ({"name": "   "}, "Bidang ini tidak boleh kosong."),
])
def test_bad_product_input_is_refused_in_indonesian(
        coop, staff_client, product_data, changes, message):
    refused(staff_client.post(url("product_create", coop), {**product_data, **changes}),
            message)
    assert count(Product) == 0


def test_a_barcode_typed_with_spaces_is_accepted_and_cleaned(coop, staff_client, product_data):
    staff_client.post(url("product_create", coop),
                      {**product_data, "barcode": "899 2761 13608 6", "hs_code": "2005.99"})
    with scopes_disabled():
        assert Product.objects.values_list("barcode", "hs_code").get() == (
            "8992761136086", "200599")


def test_a_barcode_already_used_by_another_product_is_refused(
        coop, staff_client, product_data, member_client, food, make_product):
    make_product(member_client.member, food, barcode="8992761136086")
    refused(staff_client.post(url("product_create", coop),
                              {**product_data, "barcode": "8992761136086"}),
            "Barcode ini sudah dipakai produk lain di koperasi ini.")
    assert count(Product) == 1


@pytest.mark.parametrize("tiers, message", [
    ({"tier-0-min_qty": "10", "tier-0-price": "14000",
      "tier-1-min_qty": "50", "tier-1-price": "14500"},
     "Harga grosir harus turun ketika jumlah naik."),
    ({"tier-0-min_qty": "10", "tier-0-price": "15000"},
     "Harga grosir harus turun ketika jumlah naik."),       # not below retail
    ({"tier-0-min_qty": "10", "tier-0-price": "14000",
      "tier-1-min_qty": "10", "tier-1-price": "13000"},
     "Jumlah minimal grosir tidak boleh sama."),
    ({"tier-0-min_qty": "1", "tier-0-price": "14000"},
     "Pastikan nilai ini lebih besar dari atau sama dengan 2."),
    ({"tier-0-min_qty": "10"}, "Isi jumlah dan harganya, atau kosongkan keduanya."),
    ({"tier-0-price": "-1", "tier-0-min_qty": "10"}, "Jumlah paling sedikit Rp1."),
])
def test_wholesale_tiers_must_be_distinct_and_cheaper_as_quantity_grows(
        coop, staff_client, product_data, tiers, message):
    page = refused(staff_client.post(url("product_create", coop), {**product_data, **tiers}),
                   message)
    assert 'id="tiers"' in page
    assert count(Product) == 0


def test_a_tampered_tier_formset_is_an_error_not_a_crash(coop, staff_client, product_data):
    data = {k: v for k, v in product_data.items() if not k.startswith("tier-")}
    response = staff_client.post(url("product_create", coop), data)
    assert response.status_code == 200
    assert count(Product) == 0


def test_a_non_image_photo_gets_a_clear_message_and_no_photo(
        coop, member_client, food, make_product):
    product = make_product(member_client.member, food)
    fake = SimpleUploadedFile("keripik.jpg", b"%PDF-1.7 bukan gambar", "image/jpeg")
    response = member_client.post(url("product_photo", coop, product.pk), {"photo": fake},
                                  follow=True)
    assert response.status_code == 200
    assert "Unggah gambar yang valid." in response.content.decode()
    assert count(ProductPhoto) == 0


def test_a_truncated_image_is_refused_by_the_service_not_a_500(
        coop, member_client, food, make_product):
    product = make_product(member_client.member, food)
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (200, 150, 60)).save(buffer, "JPEG")
    whole = buffer.getvalue()
    # Django's ImageField passes a JPEG cut in half; making the thumbnail reads it all.
    broken = SimpleUploadedFile("rusak.jpg", whole[: len(whole) // 2], "image/jpeg")
    response = member_client.post(url("product_photo", coop, product.pk), {"photo": broken},
                                  follow=True)
    assert response.status_code == 200
    assert "Berkas bukan gambar yang dapat dibaca." in response.content.decode()
    assert count(ProductPhoto) == 0


def test_posting_a_photo_without_a_file_says_so(coop, member_client, food, make_product):
    product = make_product(member_client.member, food)
    response = member_client.post(url("product_photo", coop, product.pk), {}, follow=True)
    assert "Bidang ini tidak boleh kosong." in response.content.decode()


@pytest.mark.parametrize("changes, message", [
    ({"issued_on": "2025-06-01", "expires_on": "2025-05-01"},
     "Tanggal berlaku harus setelah tanggal terbit."),
    ({"number": ""}, "Bidang ini tidak boleh kosong."),
    ({"kind": "izin_rt"}, "Masukkan pilihan yang valid"),
    ({"expires_on": "31/02/2027"}, "Masukkan tanggal yang valid."),
])
def test_bad_certificate_input_is_refused(coop, member_client, changes, message):
    data = {"kind": "pirt", "number": "P-IRT 2063404010123-28", "issuer": "Dinkes Sleman",
            "product": "", "issued_on": "", "expires_on": ""}
    refused(member_client.post(url("my_certificates", coop), {**data, **changes}), message)
    assert count(Certificate) == 0


def test_staff_cannot_file_one_members_certificate_on_anothers_product(
        coop, staff_client, member_client, other_member_client, crafts, make_product):
    theirs = make_product(other_member_client.member, crafts)
    refused(staff_client.post(url("certificate_create", coop), {
        "member": member_client.member.pk, "product": theirs.pk, "kind": "sni",
        "number": "SNI 123"}), "Produk ini bukan milik anggota tersebut.")
    assert count(Certificate) == 0


@pytest.mark.parametrize("data, message", [
    ({"name": "makanan  RINGAN"}, "Kategori dengan nama ini sudah ada."),
    ({"name": "Minuman", "commission_pct": "150"},
     "Pastikan nilai ini lebih kecil dari atau sama dengan 100."),
    ({"name": "Minuman", "commission_pct": "-1"},
     "Pastikan nilai ini lebih besar dari atau sama dengan 0."),
    ({"name": ""}, "Bidang ini tidak boleh kosong."),
])
def test_bad_category_input_is_refused(coop, staff_client, food, data, message):
    refused(staff_client.post(url("category_create", coop), data), message)
    assert count(Category) == 1


@pytest.mark.parametrize("data, message", [
    ({"code": "ritel_modern", "name": "Minimarket"}, "Kode saluran ini sudah dipakai."),
    ({"code": "Ritel Modern!", "name": "Minimarket"}, "slug"),
    ({"code": "b2b", "name": "Horeka", "required_certificates": ["iso9001"]},
     "Masukkan pilihan yang valid"),
    ({"code": "b2b", "name": ""}, "Bidang ini tidak boleh kosong."),
])
def test_bad_channel_input_is_refused(coop, signed_in, data, message):
    board = signed_in(Role.BOARD)
    before = count(Channel)
    refused(board.post(url("channel_create", coop), data), message)
    assert count(Channel) == before


@pytest.fixture
def approved_pair(member_client, other_member_client, food, crafts, make_product):
    return (make_product(member_client.member, food, status="approved", stock=10),
            make_product(other_member_client.member, crafts, name="Tas Anyaman Pandan",
                         status="approved", stock=6, price=Decimal("85000")))


def bundle_data(*rows, price="99000"):
    data = {"name": "Paket Oleh-Oleh Sleman", "description": "", "price": price,
            "active": "on", "item-TOTAL_FORMS": "3", "item-INITIAL_FORMS": "0"}
    for i, (product, qty, agreed) in enumerate(rows):
        data.update({f"item-{i}-product": product, f"item-{i}-quantity": qty,
                     f"item-{i}-agreed_price": agreed})
    return data


def test_bad_bundle_input_is_refused(
        coop, staff_client, approved_pair, member_client, food, make_product):
    keripik, tas = approved_pair
    draft = make_product(member_client.member, food, name="Draf Rempeyek")
    cases = [
        (bundle_data((keripik.pk, 2, 30000)), "Paket berisi paling sedikit dua produk."),
        (bundle_data((keripik.pk, 2, 30000), (keripik.pk, 1, 10000)),
         "Satu produk hanya boleh muncul sekali dalam paket."),
        (bundle_data((keripik.pk, 2, 30000), (draft.pk, 1, 10000)),
         "Masukkan pilihan yang valid"),
        (bundle_data((keripik.pk, 0, 30000), (tas.pk, 1, 70000)),
         "Pastikan nilai ini lebih besar dari atau sama dengan 1."),
        (bundle_data((keripik.pk, 2, ""), (tas.pk, 1, 70000)),
         "Wajib diisi untuk produk yang dipilih."),
        (bundle_data((keripik.pk, 2, 30000), (tas.pk, 1, 70000), price="-1"),
         "Jumlah tidak boleh negatif."),
    ]
    for data, message in cases:
        refused(staff_client.post(url("bundle_create", coop), data), message)
    assert count(Bundle) == 0


def test_garbage_filters_on_the_product_list_show_the_list(coop, staff_client):
    response = staff_client.get(url("products", coop),
                                {"status": "bogus", "member": "x", "channel": "-1", "page": "z"})
    assert response.status_code == 200


def test_out_of_range_ids_are_404_or_ignored_never_a_crash(
        coop, staff_client, member_client, food, make_product):
    huge = "9" * 25
    assert staff_client.get(f"/k/{coop.slug}/produk/{huge}/").status_code == 404
    assert staff_client.get(f"/k/{coop.slug}/paket/{huge}/ubah/").status_code == 404
    assert staff_client.get(url("certificate_create", coop), {"produk": huge}).status_code == 200
    assert member_client.get(url("my_certificates", coop), {"produk": "12abc"}).status_code == 200
    product = make_product(member_client.member, food)
    response = staff_client.post(url("bundle_create", coop), bundle_data(
        (product.pk, 1, 1000), (huge, 1, 1000)))
    refused(response, "Masukkan pilihan yang valid")
