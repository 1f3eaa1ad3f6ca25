"""The board sets each market channel's rules; board and staff keep the categories."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from guyub.catalog.models import Category, Channel
from guyub.core.models import AuditLog
from guyub.core.roles import Role

pytestmark = pytest.mark.django_db


def url(name, coop, *args):
    return reverse(f"catalog:{name}", args=[coop.slug, *args])


def channel(coop, code):
    with scopes_disabled():
        return Channel.objects.get(cooperative=coop, code=code)


def rules_form(ch, **changes):
    data = {"name": ch.name, "description": ch.description, "active": "on"}
    for flag in ("requires_barcode", "requires_food_permit", "requires_halal_for_food",
                 "requires_hs_code"):
        if getattr(ch, flag):
            data[flag] = "on"
    data["required_certificates"] = list(ch.required_certificates)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_new_cooperative_starts_with_the_default_channels(coop):
    with scopes_disabled():
        codes = list(Channel.objects.filter(cooperative=coop).values_list("code", flat=True))
    assert codes == ["lokal", "ritel_modern", "regional", "ekspor"]


def test_the_board_changes_a_channels_rules_and_eligibility_follows(
        coop, signed_in, member_client, crafts, make_product):
    board = signed_in(Role.BOARD)
    product = make_product(member_client.member, crafts, hs_code="630790")
    export = channel(coop, "ekspor")

    def eligible_for_export():
        report = member_client.get(url("product", coop, product.pk)).context["report"]
        return next(r for r in report if r["channel"].code == "ekspor")

    assert eligible_for_export()["eligible"]
    response = board.post(url("channel_edit", coop, export.pk),
                          rules_form(export, required_certificates=["sni"]))
    assert response.status_code == 302
    row = eligible_for_export()
    assert not row["eligible"] and row["missing"] == ["SNI"]
    with scopes_disabled():
        assert AuditLog.objects.filter(action="channel.updated").count() == 1


def test_the_channel_code_cannot_be_changed_once_created(coop, signed_in):
    board = signed_in(Role.BOARD)
    local = channel(coop, "lokal")
    board.post(url("channel_edit", coop, local.pk), rules_form(local, code="pasar"))
    assert channel(coop, "lokal").pk == local.pk


def test_the_board_adds_a_channel(coop, signed_in):
    board = signed_in(Role.BOARD)
    response = board.post(url("channel_create", coop), {
        "code": "horeka", "name": "Hotel, restoran, kafe", "requires_barcode": "on",
        "required_certificates": ["halal"], "active": "on"})
    assert response.status_code == 302
    horeka = channel(coop, "horeka")
    assert horeka.requires_barcode and horeka.required_certificates == ["halal"]


@pytest.mark.parametrize("role", [Role.STAFF, Role.SUPERVISOR, Role.MEMBER])
def test_only_the_board_edits_channels(coop, signed_in, role):
    client = signed_in(role)
    local = channel(coop, "lokal")
    assert client.get(url("channel_edit", coop, local.pk)).status_code == 403
    assert client.post(url("channel_create", coop),
                       {"code": "x", "name": "X"}).status_code == 403
    if role != Role.MEMBER:
        page = client.get(url("channels", coop))
        assert page.status_code == 200
        assert url("channel_edit", coop, local.pk) not in page.content.decode()


@pytest.mark.parametrize("role", [Role.STAFF, Role.BOARD])
def test_staff_and_board_add_and_edit_categories(coop, signed_in, role):
    client = signed_in(role)
    client.post(url("category_create", coop),
                {"name": "Minuman", "is_food": "on", "commission_pct": "12.5"})
    with scopes_disabled():
        drinks = Category.objects.get(name="Minuman")
    assert drinks.is_food and drinks.commission_pct == 12.5
    client.post(url("category_edit", coop, drinks.pk), {"name": "Minuman serbuk"})
    drinks.refresh_from_db()
    assert (drinks.name, drinks.is_food, drinks.commission_pct) == ("Minuman serbuk", False,
                                                                    None)


def test_a_supervisor_reads_categories_but_cannot_add_one(coop, signed_in, food):
    supervisor = signed_in(Role.SUPERVISOR)
    page = supervisor.get(url("categories", coop))
    assert page.status_code == 200 and "Makanan ringan" in page.content.decode()
    assert supervisor.post(url("category_create", coop), {"name": "X"}).status_code == 403
