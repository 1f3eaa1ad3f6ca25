"""A member who cannot deliver withdraws (kept, counted against them); their share
goes to the standby producers within their spare capacity by the same rule; what
nobody can take is added to the delivery's shortfall."""

import pytest
from django.test import Client
from django.urls import reverse

from guyub.contracts import notices
from guyub.contracts.allocation import selectors, services
from guyub.contracts.models import Allotment, Delivery
from guyub.core.errors import DomainError
from guyub.notifications.models import Notice
from guyub.testing.contracts import active_contract, declare

pytestmark = pytest.mark.django_db


@pytest.fixture
def roomy(world, coop, board):
    """1,500 kg per delivery among three producers of 1,000 kg each: 500 kg each, and
    500 kg spare each."""
    contract = active_contract(coop, buyer=world["buyer"], grade=world["grade"], actor=board,
                               quantity=1500)
    for member in world["members"]:
        declare(contract, member, 1000)
    delivery = services.allocate_delivery(delivery=contract.schedule.get(sequence=1))
    return delivery


def standing(delivery):
    totals = {}
    for a in Allotment.objects.filter(delivery=delivery, status__in=selectors.STANDING):
        totals[a.member_id] = totals.get(a.member_id, 0) + a.quantity
    return totals


def test_a_withdrawn_share_goes_to_the_standby_producers(world, roomy):
    sri, bambang, siti = world["members"]
    allotment = Allotment.objects.get(delivery=roomy, member=sri)
    services.withdraw(allotment=allotment, reason="Panen gagal karena hujan", actor=sri.user)
    allotment.refresh_from_db()
    assert allotment.status == Allotment.Status.WITHDRAWN
    assert allotment.withdrawn_reason == "Panen gagal karena hujan"
    assert standing(roomy) == {bambang.pk: 750, siti.pk: 750}
    extra = Allotment.objects.filter(delivery=roomy, kind=Allotment.Kind.REALLOCATED)
    assert sorted(a.quantity for a in extra) == [250, 250]
    assert extra.first().explanation["reason"] == "Panen gagal karena hujan"
    roomy.refresh_from_db()
    assert roomy.shortfall == 0
    assert list(selectors.withdrawals_of(sri)) == [allotment]


def test_the_standby_producers_are_told_their_extra(world, roomy):
    sri, bambang, siti = world["members"]
    services.withdraw(allotment=Allotment.objects.get(delivery=roomy, member=sri),
                      reason="Sakit", actor=world["board"])
    extra = Notice.objects.filter(topic=notices.ALLOTTED, event_id__contains="reallocated")
    assert {n.user_id for n in extra} == {bambang.user_id, siti.user_id}
    assert extra.first().params["quantity"] == "250 kg"


def test_what_nobody_can_take_becomes_shortfall(world):
    delivery = services.allocate_delivery(delivery=world["contract"].schedule.get(sequence=1))
    sri = world["members"][0]
    services.withdraw(allotment=Allotment.objects.get(delivery=delivery, member=sri),
                      reason="Mesin sangrai rusak", actor=sri.user)
    delivery.refresh_from_db()
    # The others already give all they declared: none of the 1,000 kg can move.
    assert delivery.shortfall == 1000
    assert not Allotment.objects.filter(delivery=delivery, kind="reallocated").exists()


def test_spare_capacity_is_never_exceeded(world, coop, board):
    contract = active_contract(coop, buyer=world["buyer"], grade=world["grade"], actor=board,
                               quantity=1800)
    sri, bambang, siti = world["members"]
    declare(contract, sri, 1000)
    declare(contract, bambang, 900)
    declare(contract, siti, 100)
    delivery = services.allocate_delivery(delivery=contract.schedule.get(sequence=1))
    services.withdraw(allotment=Allotment.objects.get(delivery=delivery, member=sri),
                      reason="Sakit", actor=sri.user)
    delivery.refresh_from_db()
    split = standing(delivery)
    assert split[bambang.pk] <= 900 and split[siti.pk] <= 100
    assert sum(split.values()) + delivery.shortfall == 1800


def test_a_member_who_withdrew_is_not_asked_again(world, roomy):
    sri, bambang, _siti = world["members"]
    services.withdraw(allotment=Allotment.objects.get(delivery=roomy, member=sri),
                      reason="Sakit", actor=sri.user)
    original = Allotment.objects.get(delivery=roomy, member=bambang, kind="original")
    services.withdraw(allotment=original, reason="Truk rusak", actor=bambang.user)
    members = set(Allotment.objects.filter(delivery=roomy, status="allotted")
                  .values_list("member_id", flat=True))
    assert sri.pk not in members and bambang.pk in members  # their reallocated 250 stays


def test_the_reason_is_required_and_a_withdrawal_happens_once(world, roomy):
    sri = world["members"][0]
    allotment = Allotment.objects.get(delivery=roomy, member=sri)
    for reason in ["", "   ", "x" * 256]:
        with pytest.raises(DomainError):
            services.withdraw(allotment=allotment, reason=reason, actor=sri.user)
    services.withdraw(allotment=allotment, reason="Sakit", actor=sri.user)
    with pytest.raises(DomainError):
        services.withdraw(allotment=allotment, reason="Sakit lagi", actor=sri.user)
    assert Allotment.objects.filter(delivery=roomy, kind="reallocated").count() == 2


def test_no_withdrawal_once_the_delivery_is_received(world, roomy):
    Delivery.objects.filter(pk=roomy.pk).update(status=Delivery.Status.RECEIVED)
    sri = world["members"][0]
    with pytest.raises(DomainError):
        services.withdraw(allotment=Allotment.objects.get(delivery=roomy, member=sri),
                          reason="Sakit", actor=sri.user)


def test_reallocate_is_public_for_a_rejected_part(world, roomy):
    """The quality check's path: part of a member's goods rejected, the rest moved."""
    sri, bambang, siti = world["members"]
    made = services.reallocate(delivery=roomy, quantity=100, exclude_member_ids={sri.pk},
                               actor=world["board"], reason="Ditolak uji mutu: kadar air")
    assert sorted(a.member_id for a in made) == sorted([bambang.pk, siti.pk])
    assert sum(a.quantity for a in made) == 100


def test_the_member_withdraws_from_their_page(world, roomy):
    sri = world["members"][0]
    allotment = Allotment.objects.get(delivery=roomy, member=sri)
    client = Client()
    client.force_login(sri.user)
    url = reverse("contracts:withdraw_allotment", args=[world["coop"].slug, allotment.pk])
    client.post(url, {"reason": ""})
    allotment.refresh_from_db()
    assert allotment.status == Allotment.Status.ALLOTTED
    client.post(url, {"reason": "Panen gagal"})
    allotment.refresh_from_db()
    assert allotment.status == Allotment.Status.WITHDRAWN
    page = client.get(reverse("contracts:member_contracts", args=[world["coop"].slug]))
    assert "Panen gagal" in page.content.decode()


def test_an_officer_records_a_withdrawal(world, roomy, board_client):
    sri = world["members"][0]
    allotment = Allotment.objects.get(delivery=roomy, member=sri)
    url = reverse("contracts:record_withdrawal", args=[world["coop"].slug,
                                                       roomy.contract_id, roomy.pk,
                                                       allotment.pk])
    board_client.post(url, {"reason": "Menelepon: sakit"})
    allotment.refresh_from_db()
    assert allotment.status == Allotment.Status.WITHDRAWN
