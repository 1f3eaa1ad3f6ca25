"""Who may supply a contract: an active member with an approved product of the grade's
kind, approved for the grade (not expired), meeting the channel's certificate rules;
and what the member is told is missing."""

import datetime as dt

import pytest
from django.utils import timezone

from guyub.catalog.models import Certificate, Channel
from guyub.contracts.allocation import selectors
from guyub.contracts.models import Contract, GradeApproval
from guyub.members.models import Member

pytestmark = pytest.mark.django_db


def halal_channel(coop):
    return Channel.objects.create(cooperative=coop, code="hotel-halal", name="Hotel halal",
                                  requires_halal_for_food=True)


def test_the_worlds_producers_are_all_eligible(world):
    eligible = selectors.eligible_members(world["contract"])
    assert [m.pk for m in eligible] == sorted(m.pk for m in world["members"])


def test_a_product_not_approved_for_the_grade_does_not_count(world):
    sri = world["members"][0]
    GradeApproval.objects.filter(product=sri.coffee).delete()
    found = selectors.member_eligibility(world["contract"], sri)
    assert not found.eligible
    assert any("belum lolos uji mutu Arabika grade 1" in why for why in found.why_not())
    assert sri not in selectors.eligible_members(world["contract"])


def test_an_expired_grade_approval_does_not_count(world):
    sri = world["members"][0]
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    GradeApproval.objects.filter(product=sri.coffee).update(valid_until=yesterday)
    found = selectors.member_eligibility(world["contract"], sri)
    assert not found.eligible
    assert any("berakhir" in why for why in found.why_not())


def test_an_approval_valid_until_today_still_counts(world):
    sri = world["members"][0]
    GradeApproval.objects.filter(product=sri.coffee).update(valid_until=timezone.localdate())
    assert selectors.member_eligibility(world["contract"], sri).eligible


def test_a_member_who_left_is_not_eligible(world):
    sri = world["members"][0]
    Member.objects.filter(pk=sri.pk).update(status=Member.Status.EXITED)
    sri.refresh_from_db()
    found = selectors.member_eligibility(world["contract"], sri)
    assert not found.eligible
    assert "Hanya anggota aktif" in found.why_not()[0]


def test_the_channels_certificate_rules_apply(world, coop):
    contract = world["contract"]
    Contract.objects.filter(pk=contract.pk).update(channel=halal_channel(coop))
    contract.refresh_from_db()
    sri, bambang, _siti = world["members"]
    Certificate.objects.create(cooperative=coop, member=sri, product=sri.coffee,
                               kind=Certificate.Kind.HALAL, number="ID-HALAL-1",
                               expires_on=timezone.localdate() + dt.timedelta(days=300))
    # An expired certificate is not in force.
    Certificate.objects.create(cooperative=coop, member=bambang, product=bambang.coffee,
                               kind=Certificate.Kind.HALAL, number="ID-HALAL-2",
                               expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert [m.pk for m in selectors.eligible_members(contract)] == [sri.pk]
    why = selectors.member_eligibility(contract, bambang).why_not()
    assert any("Hotel halal" in w and "sertifikat halal" in w for w in why)


def test_a_capacity_of_a_member_no_longer_eligible_does_not_count(world):
    contract = world["contract"]
    GradeApproval.objects.filter(product=world["members"][0].coffee).delete()
    counting = selectors.counting_capacities(contract)
    assert sorted(c.quantity for c in counting) == [400, 600]
    # 1,000 kg of the 2,000 asked now has no producer.
    assert selectors.capacity_shortfall(contract) == 1000


def test_the_shortfall_respects_lots_and_the_minimum_share(world):
    contract = world["contract"]
    assert selectors.capacity_shortfall(contract) == 0
    # Below the minimum share, Siti's 400 kg cannot be used at all.
    Contract.objects.filter(pk=contract.pk).update(min_lot=500)
    contract.refresh_from_db()
    assert selectors.capacity_shortfall(contract) == 400
    Contract.objects.filter(pk=contract.pk).update(min_lot=0, lot_size=300)
    contract.refresh_from_db()
    # Whole lots of 300: 900 + 600 + 300 = 1,800; 2,000 itself is not a whole lot count.
    assert selectors.capacity_shortfall(contract) == 200
