"""Check-out and check-in: the order of steps, the deposit, late fees and damage in exact
rupiah, every step one balanced entry."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.ledger.selectors import member_balance
from guyub.resources.bookings.models import Booking, Handover
from guyub.resources.charges import services
from guyub.resources.charges.rules import late_fee, late_minutes
from guyub.testing.resources import at, books, confirmed_booking, png_bytes, truck


def status_of(booking):
    with scopes_disabled():
        return Booking.objects.get(pk=booking.pk).status


END = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("basis, late, units, fee", [
    ("hour", dt.timedelta(minutes=15), 1, 0),          # within the grace
    ("hour", dt.timedelta(minutes=16), 1, 50000),      # one started hour
    ("hour", dt.timedelta(minutes=61), 1, 100000),     # two started hours
    ("hour", dt.timedelta(minutes=61), 3, 300000),     # three units
    ("day", dt.timedelta(hours=2), 1, 50000),          # one started day
    ("day", dt.timedelta(hours=25), 2, 200000),        # two days × two units
    ("unit", dt.timedelta(hours=5), 2, 100000),        # one more use of two units
    ("hour", -dt.timedelta(minutes=30), 1, 0),         # back early
])
def test_the_late_fee_rule(basis, late, units, fee):
    assert late_fee(basis=basis, rate=Decimal("50000"), ends_at=END, returned_at=END + late,
                    units=units) == Decimal(fee)


def test_late_minutes_count_a_started_minute():
    assert late_minutes(ends_at=END, returned_at=END + dt.timedelta(seconds=61)) == 2
    assert late_minutes(ends_at=END, returned_at=END - dt.timedelta(hours=1)) == 0


def test_steps_out_of_order_are_refused(booked, board):
    with scope(cooperative=booked.cooperative):
        with pytest.raises(DomainError) as refused:
            services.check_in(booking=booked, actor=board, condition="Baik")
        assert refused.value.code == "transition"
        services.check_out(booking=booked, actor=board, condition="Bersih")
        with pytest.raises(DomainError):
            services.check_out(booking=booked, actor=board, condition="Bersih lagi")
        services.check_in(booking=booked, actor=board, condition="Baik",
                          at=booked.ends_at)
        with pytest.raises(DomainError):
            services.check_in(booking=booked, actor=board, condition="Baik")
        assert Handover.objects.filter(booking=booked).count() == 2


def test_a_cancelled_booking_is_not_handed_over(booked, board):
    with scope(cooperative=booked.cooperative), pytest.raises(DomainError):
        Booking.objects.filter(pk=booked.pk).update(status=Booking.Status.CANCELLED)
        services.check_out(booking=booked, actor=board, condition="Bersih")


def test_the_condition_is_required(booked, board):
    with scope(cooperative=booked.cooperative), pytest.raises(DomainError) as refused:
        services.check_out(booking=booked, actor=board, condition="  ")
    assert refused.value.field == "condition"
    assert status_of(booked) == Booking.Status.CONFIRMED


def test_on_time_and_undamaged_the_whole_deposit_comes_back(booked, board, tani):
    with scope(cooperative=booked.cooperative):
        services.check_out(booking=booked, actor=board, condition="Bersih", deposit_method="cash")
        assert books(booked.cooperative)["asset_deposits"] == Decimal("200000")
        services.check_in(booking=booked, actor=board, condition="Baik", refund_method="cash",
                          at=booked.ends_at + dt.timedelta(minutes=10))
        booking = Booking.objects.get(pk=booked.pk)
        back = Handover.objects.get(booking=booked, kind=Handover.Kind.IN)
    assert booking.status == Booking.Status.RETURNED and booking.late_fee == 0
    assert back.late_minutes == 10
    balances = books(booked.cooperative)
    assert balances["asset_deposits"] == 0
    assert balances["cash"] == 0


def test_late_and_damaged_the_deposit_pays_the_charges_first(booked, board, tani):
    """Back 75 minutes late (two started hours: Rp100.000) with Rp60.000 of damage: the
    Rp200.000 deposit pays Rp160.000 of it, Rp40.000 goes back."""
    with scope(cooperative=booked.cooperative):
        services.check_out(booking=booked, actor=board, condition="Bersih", deposit_method="bank")
        services.check_in(booking=booked, actor=board, condition="Tuas patah", damaged=True,
                          damage_charge=60000, refund_method="cash",
                          at=booked.ends_at + dt.timedelta(minutes=75))
        booking = Booking.objects.get(pk=booked.pk)
        owed = member_balance(member=tani, role="receivable_members")
    assert (booking.late_fee, booking.damage_charge) == (Decimal("100000"), Decimal("60000"))
    balances = books(booked.cooperative)
    assert balances["income_other"] == Decimal("160000")
    assert balances["bank"] == Decimal("200000")
    assert balances["cash"] == Decimal("-40000")
    assert balances["asset_deposits"] == 0
    assert owed == Decimal("100000")  # only the fee, still unpaid


def test_charges_past_the_deposit_stay_owed(coop, board, tani, tomorrow):
    """A truck with a Rp500.000 deposit back two days late (2 × Rp400.000) and Rp100.000
    of damage: Rp900.000 of charges, the deposit covers 500.000, 400.000 stays owed."""
    vehicle = truck(coop)
    booking = confirmed_booking(vehicle, member=tani, starts_at=at(tomorrow, 7),
                                ends_at=at(tomorrow, 17), actor=board)
    with scope(cooperative=coop):
        services.check_out(booking=booking, actor=board, condition="Ban baik")
        services.check_in(booking=booking, actor=board, condition="Spion retak", damaged=True,
                          damage_charge=100000, at=booking.ends_at + dt.timedelta(hours=30))
        owed = member_balance(member=tani, role="receivable_members")
    assert owed == Decimal("400000") + Decimal("800000") + Decimal("100000") - Decimal("500000")
    assert books(coop)["asset_deposits"] == 0


def test_damage_charge_needs_damage_and_whole_rupiah(booked, board):
    with scope(cooperative=booked.cooperative):
        services.check_out(booking=booked, actor=board, condition="Bersih")
        for bad in (Decimal("-1"), Decimal("10.5"), "sepuluh", Decimal("NaN")):
            with pytest.raises(DomainError):
                services.check_in(booking=booked, actor=board, condition="Baik",
                                  damaged=True, damage_charge=bad)
        with pytest.raises(DomainError):
            services.check_in(booking=booked, actor=board, condition="Baik", damage_charge=5)
        assert status_of(booked) == Booking.Status.CHECKED_OUT


def test_the_handover_pages_record_both_steps_with_a_photo(client, booked, board):
    client.force_login(board)
    base = f"/k/{booked.cooperative.slug}/sumber-daya/pemesanan/{booked.pk}"
    assert client.get(f"{base}/serah-terima/").status_code == 200
    bad = client.post(f"{base}/serah-pakai/", {"condition": "", "deposit_method": "cash"})
    assert bad.status_code == 200
    assert status_of(booked) == Booking.Status.CONFIRMED
    photo = SimpleUploadedFile("kondisi.png", png_bytes(), content_type="image/png")
    done = client.post(f"{base}/serah-pakai/", {"condition": "Bersih", "photo": photo,
                                                 "deposit_method": "cash"})
    assert done.status_code == 302
    back = client.post(f"{base}/kembali/", {"condition": "Baik", "refund_method": "cash",
                                             "damage_charge": "Rp 10.000"})
    assert back.status_code == 200  # a damage charge without the damage box ticked
    back = client.post(f"{base}/kembali/", {"condition": "Baik", "refund_method": "cash",
                                             "damaged": "on", "damage_charge": "Rp 10.000"})
    assert back.status_code == 302
    page = client.get(f"{base}/serah-terima/").content.decode()
    assert "Rp10.000" in page
    with scope(cooperative=booked.cooperative):
        out = Handover.objects.get(booking=booked, kind=Handover.Kind.OUT)
    assert out.photo.name.endswith(".png")


def test_a_handover_photo_must_be_an_image(client, booked, board):
    client.force_login(board)
    url = f"/k/{booked.cooperative.slug}/sumber-daya/pemesanan/{booked.pk}/serah-pakai/"
    fake = SimpleUploadedFile("kondisi.jpg", b"bukan gambar", content_type="image/jpeg")
    response = client.post(url, {"condition": "Bersih", "photo": fake, "deposit_method": "cash"})
    assert response.status_code == 200
    assert status_of(booked) == Booking.Status.CONFIRMED
