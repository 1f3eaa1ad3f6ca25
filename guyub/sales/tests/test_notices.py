"""What sales tells people: the buyer about their order (placed, paid, shipped), each
maker about their own lines only, each member about the payout that paid them; each
once, however often the payment is notified."""

import datetime as dt

import pytest
from django_scopes import scope

from guyub.sales.fulfilment import services as fulfilment
from guyub.sales.models import Buyer
from guyub.sales.tests.consignment import hand_over_all, order, pay, today_payout
from guyub.testing.notices import inbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(coop, shop, make_user):
    """The buyer and both makers with logins."""
    buyer_login = make_user(coop, "buyer")
    buyer = Buyer.objects.create(cooperative=coop, name="Dewi Lestari", email="dewi@contoh.id",
                                 phone="+6281234567890", user=buyer_login)
    for maker in (shop.coffee_maker, shop.batik_maker):
        maker.user = make_user(coop, "member")
        maker.save(update_fields=["user"])
    return buyer


def topics(user) -> list[str]:
    return [n.topic for n in reversed(inbox(user))]


def test_the_buyer_and_each_maker_follow_the_order_and_makers_see_only_their_lines(
        coop, shop, people, board, in_coop):
    placed = order(coop, people, ("product", shop.coffee, 2))
    buyer_notice = inbox(people.user)[0]
    assert buyer_notice.topic == "sales.order_placed"
    assert placed.display_number in buyer_notice.text
    assert buyer_notice.link == f"/k/{coop.slug}/pesanan-saya/"
    coffee = inbox(shop.coffee_maker.user)[0]
    assert coffee.topic == "sales.maker_order_placed"
    assert "Kopi Merapi 250 g × 2" in coffee.text and "Batik" not in coffee.text
    assert inbox(shop.batik_maker.user) == []    # nothing of theirs in this order
    pay(placed, actor=board)
    pay(placed, actor=board)   # the same payment notified again
    assert topics(people.user) == ["sales.order_placed", "sales.order_paid"]
    assert topics(shop.coffee_maker.user) == ["sales.maker_order_placed",
                                              "sales.maker_order_paid"]
    hand_over_all(placed, board)
    shipment = fulfilment.create_shipment(cooperative=coop, orders=[placed], actor=board,
                                          carrier="JNE", cost=18000)
    fulfilment.mark_shipped(shipment=shipment, actor=board, tracking_number="JNE123")
    assert topics(people.user)[-1] == "sales.order_shipped"
    assert "JNE123" in inbox(people.user)[0].text
    assert topics(shop.coffee_maker.user)[-1] == "sales.maker_order_shipped"


def test_a_bundle_tells_every_maker_in_it(coop, shop, people, in_coop):
    order(coop, people, ("bundle", shop.hamper, 1))
    assert "Batik tulis × 1" in inbox(shop.batik_maker.user)[0].text
    assert "Kopi Merapi 250 g × 2" in inbox(shop.coffee_maker.user)[0].text


def test_a_guest_order_tells_the_makers_and_nobody_else(coop, shop, buyer, people, in_coop):
    order(coop, buyer, ("product", shop.batik, 1))
    assert topics(shop.batik_maker.user) == ["sales.maker_order_placed"]
    assert inbox(people.user) == []


def test_each_maker_is_told_the_payout_with_their_own_amount_and_slip(
        coop, shop, people, board, in_coop):
    placed = order(coop, people, ("product", shop.coffee, 2), ("product", shop.batik, 1))
    pay(placed, actor=board)
    hand_over_all(placed, board)
    batch = today_payout(coop, board)
    notice = inbox(shop.coffee_maker.user)[0]
    assert notice.topic == "sales.payout_made"
    line = batch.lines.get(member=shop.coffee_maker)
    assert notice.link == f"/k/{coop.slug}/pembayaran-anggota/slip/{line.pk}.pdf"
    assert "Rp81.000" in notice.text   # 2 × Rp45.000 less the 10 % commission
    with scope(cooperative=coop):
        assert inbox(shop.batik_maker.user)[0].topic == "sales.payout_made"


def test_makers_are_reminded_the_day_before_their_goods_are_due_and_once_when_late(
        coop, shop, people, board, in_coop):
    from guyub.sales.jobs import remind_handovers

    placed = order(coop, people, ("product", shop.coffee, 2))
    unpaid = order(coop, people, ("product", shop.batik, 1))
    pay(placed, actor=board)
    due = placed.fulfilment.get().due_date
    remind_handovers(coop, today=due - dt.timedelta(days=2))   # not yet
    assert "sales.handover_due" not in topics(shop.coffee_maker.user)
    remind_handovers(coop, today=due - dt.timedelta(days=1))
    remind_handovers(coop, today=due - dt.timedelta(days=1))   # the job run again
    assert topics(shop.coffee_maker.user).count("sales.handover_due") == 1
    assert "Kopi Merapi 250 g × 2" in inbox(shop.coffee_maker.user)[0].text
    for late_day in (1, 2, 3):
        remind_handovers(coop, today=due + dt.timedelta(days=late_day))
    assert topics(shop.coffee_maker.user).count("sales.handover_late") == 1
    # An unpaid order's goods are not asked for; goods handed over are not either.
    assert "sales.handover_due" not in topics(shop.batik_maker.user)
    assert unpaid.status == "placed"
    hand_over_all(placed, board)
    remind_handovers(coop, today=due + dt.timedelta(days=4))
    assert topics(shop.coffee_maker.user).count("sales.handover_late") == 1
