"""A cashier paying cash and the member taking it into sukarela at the same moment
(PostgreSQL: parallel connections and row locks): the share is paid exactly once."""

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.finance.shu.models import ShuShare
from guyub.finance.shu.payouts import pay_share
from guyub.ledger.selectors import member_balance
from guyub.testing.concurrency import at_once
from guyub.testing.finance_members import member_login, posted_plan, share_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_payments_of_one_share_at_once_pay_it_once(coop, board):
    ani = member_login(coop, "Ani Lestari")
    plan = posted_plan(coop, {ani: {"jasa_modal": 150_000, "jasa_usaha": 50_000}})
    share = share_of(plan, ani)
    on = timezone.localdate()

    results = at_once(coop, [
        lambda: pay_share(share=share, method="cash", actor=board, date=on).payout,
        lambda: pay_share(share=share, method="sukarela", actor=ani.user, date=on).payout])

    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    with scope(cooperative=coop):
        paid = ShuShare.objects.get(pk=share.pk)
        assert member_balance(member=ani, role="shu_payable") == 0
        into_sukarela = member_balance(member=ani, role="simpanan_sukarela")
    assert into_sukarela == (200_000 if paid.payout == "sukarela" else 0)


def test_her_shu_into_sukarela_while_the_cashier_deposits_sukarela_both_land(
        coop, board, monkeypatch):
    """The deposit locks her sukarela account, then the cooperative (its receipt number);
    the SHU payment locks her share, then the same account, then the cooperative. The
    cooperative is taken last on both paths: taken first by the payment, each would wait
    for the other (a deadlock, one of them a 500)."""
    import threading
    import time
    from decimal import Decimal

    from guyub.members.simpanan import services as simpanan

    ani = member_login(coop, "Ani Lestari")
    plan = posted_plan(coop, {ani: {"jasa_modal": 150_000, "jasa_usaha": 50_000}})
    share = share_of(plan, ani)
    on = timezone.localdate()
    receipt = simpanan._next_receipt
    holding, first = threading.Event(), threading.Lock()

    def deposit_holds_her_account(member):
        if first.acquire(blocking=False):  # the deposit: its account locked, not yet the coop
            holding.set()
            time.sleep(0.5)
        return receipt(member)

    monkeypatch.setattr(simpanan, "_next_receipt", deposit_holds_her_account)

    def pay():
        assert holding.wait(10)
        return pay_share(share=share, method="sukarela", actor=ani.user, date=on).payout

    results = at_once(coop, [
        lambda: simpanan.deposit_sukarela(member=ani, actor=board, date=on,
                                          amount=Decimal(300_000)).amount,
        pay])
    assert [kind for kind, _ in results] == ["ok", "ok"], results
    with scope(cooperative=coop):
        assert member_balance(member=ani, role="simpanan_sukarela") == 500_000
        assert member_balance(member=ani, role="shu_payable") == 0
