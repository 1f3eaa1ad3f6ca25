"""Click-to-chat: wa.me links with the number in E.164 and the text URL-encoded, on
the pages where staff contact a member, an applicant or a buyer, and where a product
is shared."""

import pytest
from django.template import Context, Template

from guyub.notifications.chat import wa_me
from guyub.notifications.phones import e164


@pytest.mark.parametrize("written, digits", [
    ("0812-3456-7890", "6281234567890"), ("+62 812 3456 7890", "6281234567890"),
    ("62812 3456 7890", "6281234567890"), ("(0274) 512345", "62274512345"),
    ("+62 0812 3456 7890", "6281234567890"), ("0062 812 3456 7890", "6281234567890"),
    ("+44 20 7946 0958", "442079460958"),
    ("", ""), ("bukan nomor", ""), ("0812", ""), ("+0812345678", ""), ("1" * 16, ""),
])
def test_phone_numbers_become_e164_digits(written, digits):
    assert e164(written) == digits


def test_a_wa_me_link_carries_the_number_and_the_encoded_text():
    assert wa_me("0812 3456 7890", "Halo Bu Sri, pesanan #12 & 3/4 kg?") == (
        "https://wa.me/6281234567890?text=Halo%20Bu%20Sri%2C%20pesanan%20%2312%20%26%203%2F4%20kg%3F")
    assert wa_me("", "Keripik: https://x.id/p/1") == (
        "https://wa.me/?text=Keripik%3A%20https%3A%2F%2Fx.id%2Fp%2F1")
    assert wa_me("bukan nomor", "Halo") == ""    # no link rather than a wrong one


def test_the_template_tags():
    html = Template("{% load chat %}{% wa_me phone 'Halo' %}|{% wa_share 'Lihat' '/p/1' %}").render(
        Context({"phone": "081234567890"}))
    assert html == "https://wa.me/6281234567890?text=Halo|https://wa.me/?text=Lihat%20%2Fp%2F1"


@pytest.fixture
def world(coop, board, make_user):
    from guyub.core.tests.helpers import build_world

    return build_world(coop, make_user(coop, "member"), "Ibu Sumarni")


def _link(html: str, marker: str) -> str:
    import re

    found = re.search(r'<a[^>]*href="(https://wa\.me/[^"]*)"[^>]*>\s*' + marker, html)
    assert found, f"no wa.me link before {marker!r}"
    return found.group(1).replace("&amp;", "&")


@pytest.mark.django_db
def test_staff_chat_with_a_member_an_applicant_and_a_buyer(board_client, world, coop):
    from urllib.parse import unquote

    from django_scopes import scopes_disabled

    from guyub.members.models import Member

    with scopes_disabled():
        Member.objects.filter(pk=world["member"].pk).update(phone="0812 1111 2222")
        Member.objects.filter(pk=world["applicant"].pk).update(phone="+62 813 3333 4444")
        world["order"].buyer.phone = "0857-5555-6666"
        world["order"].buyer.save(update_fields=["phone"])
    page = board_client.get(f"/k/{coop.slug}/anggota/{world['member'].pk}/").content.decode()
    link = _link(page, "Chat WhatsApp")
    assert link.startswith("https://wa.me/6281211112222?text=")
    assert unquote(link.split("text=")[1]) == f"Halo Ibu Sumarni, ini dari {coop.name}."

    page = board_client.get(f"/k/{coop.slug}/permohonan/").content.decode()
    assert _link(page, "Chat WhatsApp").startswith("https://wa.me/6281333334444?text=Halo%20")

    page = board_client.get(f"/k/{coop.slug}/pesanan/{world['order'].pk}/").content.decode()
    link = _link(page, "Chat pembeli")
    assert link.startswith("https://wa.me/6285755556666?text=")
    assert world["order"].display_number in unquote(link)


@pytest.mark.django_db
def test_a_product_page_shares_the_product_by_whatsapp(client, world, coop):
    from urllib.parse import unquote

    product = world["product"]
    url = f"/toko/{coop.slug}/produk/{product.pk}/"
    response = client.get(url)
    assert response.status_code == 200, url
    link = _link(response.content.decode(), "Bagikan")
    assert link.startswith("https://wa.me/?text=")
    text = unquote(link.split("text=")[1])
    assert text == f"{product.name} dari {coop.name}: http://testserver{url}"
