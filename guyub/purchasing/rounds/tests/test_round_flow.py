"""A collective purchase round from commitments to payment, at the service level."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.ledger import selectors as ledger
from guyub.members.simpanan import services as simpanan
from guyub.purchasing.models import Item, PriceList, PriceTier, Round, RoundItem, Supplier
from guyub.purchasing.rounds import selectors, services
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def soy_round(coop, board):
    with scope(cooperative=coop):
        supplier = Supplier.objects.create(cooperative=coop, name="PT Kedelai Nusantara")
        soy = Item.objects.create(cooperative=coop, name="Kedelai impor", unit="kg",
                                  retail_reference_price=D(11500))
        prices = PriceList.objects.create(cooperative=coop, supplier=supplier, item=soy,
                                          pack_size=D(50), min_order_qty=D(100),
                                          valid_from=dt.date(2026, 1, 1))
        for from_qty, price in [(0, 9800), (150, 9300), (1000, 8900)]:
            PriceTier.objects.create(cooperative=coop, price_list=prices,
                                     from_qty=D(from_qty), unit_price=D(price))
        now = timezone.now()
        round_ = Round.objects.create(cooperative=coop, title="Kedelai Desember",
                                      opens_at=now - dt.timedelta(hours=1),
                                      closes_at=now + dt.timedelta(days=2),
                                      pickup_place="Gudang koperasi",
                                      pickup_date=dt.date.today(), transport_cost=D(150000),
                                      handling_cost=D(50000), fee_pct=D(2))
        item = RoundItem.objects.create(cooperative=coop, round=round_, price_list=prices)
    return round_, item


def test_a_round_closes_into_whole_sacks_and_bills_that_add_up(coop, board, soy_round):
    round_, item = soy_round
    tempe, tahu, keripik = (MemberFactory(cooperative=coop) for _ in range(3))
    with scope(cooperative=coop):
        services.set_commitment(round_item=item, member=tempe, quantity=D(60), tolerance=D(10))
        services.set_commitment(round_item=item, member=tahu, quantity=D(50))
        services.set_commitment(round_item=item, member=keripik, quantity=D(20),
                                tolerance=D(15))
        # Tempe lowers to 40 then raises to 55: the first 40 keep their place.
        services.set_commitment(round_item=item, member=tempe, quantity=D(40), tolerance=D(10))
        services.set_commitment(round_item=item, member=tempe, quantity=D(55), tolerance=D(10))
        status = selectors.live_status(item)
        # If it closed now: 125 kg firm and 25 kg tolerance fill three sacks, 150 kg,
        # which already reaches the 9.300 tier; the next tier starts at 1.000 kg.
        assert status["total"] == D(125) and status["ordered"] == D(150)
        assert status["unit_price"] == D(9300) and status["to_next_tier"] == D(850)
        assert status["to_fill_pack"] == D(25)

        services.close_round(round_=round_, actor=board)
        item.refresh_from_db()
        # 125 firm + 25 tolerance fills the third sack: 150 kg reaches the 9.300 tier.
        assert (item.packs, item.ordered_qty, item.unit_price) == (3, D(150), D(9300))
        shares = {s.member_id: s for s in item.shares.all()}
        assert shares[tempe.pk].quantity == D(65)     # 55 firm + 10 tolerance
        assert shares[keripik.pk].quantity == D(35)   # 20 firm + 15 tolerance
        invoice = D(150) * D(9300)
        fee = (invoice * D("0.02")).quantize(D(1))
        assert sum(s.goods_amount for s in shares.values()) == invoice
        assert sum(s.total for s in shares.values()) == invoice + D(200000) + fee

        with pytest.raises(DomainError):
            services.set_commitment(round_item=item, member=tahu, quantity=D(70))

        # 10 kg arrive damaged: the latest tolerance in the queue gives way first.
        services.receive_goods(round_item=item, received_qty=D(140), actor=board,
                               note="1 karung sobek, 10 kg rusak")
        shares = {s.member_id: s for s in item.shares.all()}
        assert shares[keripik.pk].quantity == D(25)
        assert sum(s.goods_amount for s in shares.values()) == D(140) * D(9300)

        simpanan.deposit_sukarela(member=tempe, actor=board, date=dt.date.today(),
                                  amount=D(2000000))
        services.pay_share(round_=round_, member=tempe, actor=board, method="sukarela")
        services.pay_share(round_=round_, member=tahu, actor=board, method="cash")
        assert selectors.member_outstanding(round_, tempe) == 0
        owed_by_keripik = ledger.member_balance(member=keripik, role="receivable_members")
        assert owed_by_keripik == shares[keripik.pk].total
        rows = ledger.trial_balance(as_of=dt.date.today())
        assert sum(r.debit for r in rows) == sum(r.credit for r in rows)
        for share in shares.values():
            services.pick_up(share=share, actor=board)
        assert Round.objects.get(pk=round_.pk).status == Round.Status.DISTRIBUTED
