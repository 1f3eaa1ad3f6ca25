"""Resolving a complaint: a price reduction is one balanced credit note (Dr income from
non-members / Cr buyer receivable) that lowers what the invoice still asks, never more
than it asks; the other resolutions move no money. Everyone concerned is told."""

from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from guyub.contracts.disputes import services
from guyub.contracts.models import BuyerInvoice, Dispute, MemberPayment
from guyub.contracts.notices import DISPUTE_UPDATE
from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.ledger.models import JournalEntry
from guyub.notifications.models import Notice
from guyub.testing.contracts_disputes import open_complaint

pytestmark = pytest.mark.django_db
INVOICE = Decimal("185250000")  # 1,950 kg at Rp95.000


@pytest.fixture
def complaint(world):
    return open_complaint(world["delivery"], party=Dispute.Party.BUYER,
                          by=world["buyer"].user, allotment=world["allotments"][0])


@pytest.fixture
def contest(world):
    bambang = world["allotments"][1]
    return open_complaint(world["delivery"], party=Dispute.Party.MEMBER,
                          by=bambang.member.user, allotment=bambang,
                          subject="Keberatan uji kadar air")


def _entries(coop):
    with scopes_disabled():
        return list(JournalEntry.objects.filter(cooperative=coop, source_type="contracts.dispute"))


def _resolve_url(coop, dispute):
    return f"/k/{coop.slug}/kontrak/keluhan/{dispute.pk}/selesaikan/"


def test_a_price_reduction_is_one_balanced_credit_note_on_the_invoice(
        coop, board, world, complaint, board_client):
    response = board_client.post(_resolve_url(coop, complaint), {
        "resolution": "reduction", "amount": "Rp2.500.000",
        "note": "Sebagian biji pecah; disepakati potongan."})
    assert response.status_code == 302

    [entry] = _entries(coop)
    with scope(cooperative=coop):
        lines = {(line.account.role, line.debit, line.credit)
                 for line in entry.lines.select_related("account")}
        complaint.refresh_from_db()
        invoice = BuyerInvoice.objects.get(pk=world["invoice"].pk)
        payments = list(MemberPayment.objects.values_list("amount", flat=True))
    assert lines == {("income_non_members", Decimal(2_500_000), 0),
                     ("receivable_buyers", 0, Decimal(2_500_000))}
    assert invoice.credited == Decimal(2_500_000)
    assert invoice.amount - invoice.credited == INVOICE - 2_500_000
    assert (complaint.status, complaint.resolution, complaint.amount, complaint.entry_id) == (
        Dispute.Status.RESOLVED, "reduction", Decimal(2_500_000), entry.pk)
    assert complaint.resolved_at is not None and complaint.resolved_by == board
    # The cooperative bears it: what the members are owed is untouched.
    assert sorted(payments) == sorted(p.amount for p in world["payments"])
    with scopes_disabled():
        told = {n.user_id: n.params["update"] for n in Notice.objects.filter(
            topic=DISPUTE_UPDATE, event_id=f"dispute:{complaint.pk}:resolved")}
        assert AuditLog.objects.filter(action="dispute.resolved").get().data["amount"] == \
            "2500000"
    assert set(told) == {world["buyer"].user_id, world["members"][0].user_id}
    assert "Rp2.500.000" in told[world["buyer"].user_id]


def test_a_reduction_larger_than_what_is_still_due_is_refused(coop, world, complaint,
                                                               board_client):
    with scopes_disabled():
        BuyerInvoice.objects.filter(pk=world["invoice"].pk).update(credited=INVOICE - 1000)
    response = board_client.post(_resolve_url(coop, complaint),
                                 {"resolution": "reduction", "amount": "1.001"})
    assert response.status_code == 200
    assert "paling banyak sisa tagihan faktur, Rp1.000" in response.content.decode()
    assert _entries(coop) == []
    with scopes_disabled():
        assert Dispute.objects.get(pk=complaint.pk).status == Dispute.Status.OPEN
        assert BuyerInvoice.objects.get(pk=world["invoice"].pk).credited == INVOICE - 1000


def test_a_paid_invoice_is_not_credited(coop, board, world, complaint):
    with scopes_disabled():
        BuyerInvoice.objects.filter(pk=world["invoice"].pk).update(status="paid")
    with scope(cooperative=coop), pytest.raises(DomainError, match="lunas"):
        services.resolve(dispute=complaint, resolution="reduction", amount=Decimal(1000),
                         actor=board)
    assert _entries(coop) == []


@pytest.mark.parametrize("amount, error", [
    ("", "Tulis besar potongan harga"),
    ("0", "paling sedikit Rp1"),
    ("-5000", "paling sedikit Rp1"),
    ("1" + "0" * 30, "paling banyak Rp9.999.999.999.999.999"),
    ("NaN", "Tulis jumlah rupiah dengan angka"),
    ("12,50", "tanpa sen"),
])
def test_a_bad_amount_is_a_form_error(coop, complaint, board_client, amount, error):
    response = board_client.post(_resolve_url(coop, complaint),
                                 {"resolution": "reduction", "amount": amount})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert _entries(coop) == []


def test_only_the_board_settles_money(coop, complaint, staff_client):
    page = staff_client.get(_resolve_url(coop, complaint)).content.decode()
    assert 'value="reduction"' not in page
    response = staff_client.post(_resolve_url(coop, complaint),
                                 {"resolution": "reduction", "amount": "1000"})
    assert response.status_code == 200
    assert _entries(coop) == []


def test_a_replacement_records_the_quantity_and_moves_no_money(coop, board, world,
                                                               complaint, staff_client):
    response = staff_client.post(_resolve_url(coop, complaint),
                                 {"resolution": "replacement", "quantity": "40"})
    assert response.status_code == 302
    with scopes_disabled():
        complaint.refresh_from_db()
    assert (complaint.resolution, complaint.replace_quantity, complaint.amount) == (
        "replacement", 40, None)
    assert _entries(coop) == []
    # More than Bu Sri delivered cannot be replaced by her.
    other = open_complaint(world["delivery"], party=Dispute.Party.BUYER, by=board,
                           allotment=world["allotments"][0], subject="Lagi")
    response = staff_client.post(_resolve_url(coop, other),
                                 {"resolution": "replacement", "quantity": "1001"})
    assert "Paling banyak 1000" in response.content.decode()


def test_a_rejection_upheld_posts_nothing_and_tells_the_member(coop, board, world, contest,
                                                              board_client):
    page = board_client.get(_resolve_url(coop, contest)).content.decode()
    assert 'value="reduction"' not in page  # a member's contest has no price to reduce
    response = board_client.post(_resolve_url(coop, contest), {
        "resolution": "upheld", "note": "Uji ulang sampel: kadar air 14,1 %."})
    assert response.status_code == 302
    with scopes_disabled():
        contest.refresh_from_db()
        told = set(Notice.objects.filter(event_id=f"dispute:{contest.pk}:resolved")
                   .values_list("user_id", flat=True))
        invoice = BuyerInvoice.objects.get(pk=world["invoice"].pk)
    assert (contest.status, contest.resolution) == (Dispute.Status.RESOLVED, "upheld")
    assert _entries(coop) == [] and invoice.credited == 0
    assert told == {world["members"][1].user_id}


def test_a_resolution_that_does_not_fit_the_complaint_is_refused(coop, board, contest):
    with scope(cooperative=coop), pytest.raises(DomainError, match="tidak berlaku"):
        services.resolve(dispute=contest, resolution="reduction", amount=Decimal(1000),
                         actor=board)


def test_a_resolved_complaint_is_not_resolved_again(coop, board, complaint, board_client):
    assert board_client.post(_resolve_url(coop, complaint),
                             {"resolution": "reduction", "amount": "1000"}).status_code == 302
    again = board_client.post(_resolve_url(coop, complaint),
                              {"resolution": "reduction", "amount": "1000"})
    assert "sudah diselesaikan" in again.content.decode()
    assert len(_entries(coop)) == 1
