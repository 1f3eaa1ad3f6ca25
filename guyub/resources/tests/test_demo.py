"""The resources demo: four shared assets, trained members, past bookings taken out,
brought back (one late, its fee taken from the deposit) and paid, bookings in the coming
days, a truck request waiting for staff, a waiting-list entry and the roaster's
maintenance next week; all through the services, the ledger balanced."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.demo import MEMBER_LOGIN
from guyub.core.roles import Role
from guyub.ledger.selectors import trial_balance
from guyub.members.models import Sector
from guyub.resources.assets.models import Asset, MaintenanceWindow, Qualification
from guyub.resources.bookings.models import Booking, Handover, WaitlistEntry
from guyub.resources.demo import ROASTER_TRAINING, load_resources_demo
from guyub.testing.factories import CoopRoleFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wulan(coop):
    user = UserFactory(username=MEMBER_LOGIN, email=MEMBER_LOGIN)
    CoopRoleFactory(user=user, cooperative=coop, role=Role.MEMBER)
    return MemberFactory(cooperative=coop, sector=Sector.COFFEE, user=user,
                         owner_name="Wulan Puspitasari")


@pytest.fixture
def demo(coop, board, wulan):
    for sector in (Sector.COFFEE, Sector.COFFEE, Sector.SNACKS, Sector.SNACKS, Sector.FOOD,
                   Sector.FOOD):
        MemberFactory(cooperative=coop, sector=sector)
    with scope(cooperative=coop):
        load_resources_demo(coop, board)


def test_four_assets_with_their_rules_and_trained_members(coop, demo, wulan):
    with scope(cooperative=coop):
        roaster = Asset.objects.get(kind=Asset.Kind.EQUIPMENT)
        assert roaster.required_training == ROASTER_TRAINING
        assert roaster.member_rate < roaster.non_member_rate and roaster.deposit
        assert roaster.weekly_cap_hours and roaster.fee_basis == Asset.FeeBasis.HOUR
        coldroom = Asset.objects.get(units__gt=1)
        assert (coldroom.units, coldroom.fee_basis) == (6, Asset.FeeBasis.DAY)
        assert Asset.objects.get(kind=Asset.Kind.VEHICLE).requires_approval
        assert Asset.objects.filter(kind=Asset.Kind.SPACE).count() == 2
        assert all(asset.photos.exists() for asset in Asset.objects.all())
        assert Qualification.objects.filter(asset=roaster, member=wulan).exists()
        assert Qualification.objects.filter(asset=roaster).count() == 3


def test_past_bookings_returned_one_late_and_all_paid(coop, demo, wulan):
    with scope(cooperative=coop):
        past = Booking.objects.filter(status=Booking.Status.RETURNED)
        assert past.count() == 6
        assert all(b.paid_entry_id and b.charge_entry_id for b in past)
        assert {b.payment for b in past} == {"cash", "bank", "sukarela"}
        assert past.get(member=wulan).payment == "sukarela"
        (late,) = past.filter(late_fee__gt=0)
        assert late.late_fee == 2 * late.asset.member_rate
        assert late.handovers.get(kind=Handover.Kind.IN).late_minutes == 70
        assert past.filter(member__isnull=True).get().fee == 4 * Decimal(75000)
        assert all(b.starts_at < timezone.now() for b in past)
        rows = trial_balance(as_of=timezone.localdate())
        assert sum(r.debit for r in rows) == sum(r.credit for r in rows) > 0


def test_the_coming_days_requests_waiting_list_and_maintenance(coop, demo, wulan):
    now = timezone.now()
    with scope(cooperative=coop):
        coming = Booking.objects.filter(starts_at__gt=now)
        assert coming.filter(status=Booking.Status.CONFIRMED).count() == 5
        assert coming.filter(starts_at__lt=now + dt.timedelta(days=7)).count() == 6
        (request,) = Booking.objects.filter(status=Booking.Status.REQUESTED)
        assert (request.member, request.asset.kind) == (wulan, Asset.Kind.VEHICLE)
        (waiting,) = WaitlistEntry.objects.filter(status=WaitlistEntry.Status.WAITING)
        assert waiting.starts_at > now
        (window,) = MaintenanceWindow.objects.all()
        assert window.starts_at.isocalendar().week != timezone.localdate().isocalendar().week
        assert window.starts_at > now


def test_the_member_login_sees_their_bookings_and_the_calendars(client, coop, demo, wulan,
                                                                board):
    client.force_login(wulan.user)
    page = client.get(f"/k/{coop.slug}/saya/pemesanan/")
    assert page.status_code == 200
    assert "Mesin sangrai kopi 5 kg" in page.content.decode()
    with scope(cooperative=coop):
        pks = list(Asset.objects.values_list("pk", flat=True))
    for pk in pks:
        assert client.get(f"/k/{coop.slug}/saya/sumber-daya/{pk}/").status_code == 200
    client.force_login(board)
    for pk in pks:
        assert client.get(f"/k/{coop.slug}/sumber-daya/aset/{pk}/kalender/").status_code == 200
    assert client.get(f"/k/{coop.slug}/sumber-daya/pemesanan/").status_code == 200
