"""Two officers resolving the same complaint at the same moment (PostgreSQL: parallel
connections and row locks): it is resolved once, and credited once."""

from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from guyub.contracts.disputes import services
from guyub.contracts.models import BuyerInvoice, Dispute
from guyub.ledger.models import JournalEntry
from guyub.testing.concurrency import at_once
from guyub.testing.contracts_disputes import disputes_world, open_complaint

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_resolutions_at_once_resolve_once(coop, board, make_user):
    world = disputes_world(coop, board)
    dispute = open_complaint(world["delivery"], party=Dispute.Party.BUYER,
                             by=world["buyer"].user)
    other_board = make_user(coop, "board")

    def reduce(actor, amount):
        return lambda: services.resolve(dispute=dispute, resolution="reduction",
                                        amount=Decimal(amount), actor=actor).pk

    results = at_once(coop, [reduce(board, 1_000_000), reduce(other_board, 2_000_000)])

    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    with scopes_disabled():
        dispute.refresh_from_db()
        invoice = BuyerInvoice.objects.get(pk=world["invoice"].pk)
        entries = JournalEntry.objects.filter(cooperative=coop, source_type="contracts.dispute")
        assert entries.count() == 1
    assert dispute.amount == invoice.credited
    assert dispute.amount in (Decimal(1_000_000), Decimal(2_000_000))


def test_two_reductions_on_one_invoice_never_credit_more_than_it_asks(coop, board):
    world = disputes_world(coop, board)
    due = world["invoice"].amount
    disputes = [open_complaint(world["delivery"], party=Dispute.Party.BUYER,
                               by=world["buyer"].user, allotment=allotment)
                for allotment in world["allotments"][:2]]

    def reduce(dispute):
        return lambda: services.resolve(dispute=dispute, resolution="reduction",
                                        amount=due - 1000, actor=board).pk

    results = at_once(coop, [reduce(d) for d in disputes])

    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    with scopes_disabled():
        assert BuyerInvoice.objects.get(pk=world["invoice"].pk).credited == due - 1000
