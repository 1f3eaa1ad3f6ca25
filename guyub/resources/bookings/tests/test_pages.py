"""The booking pages as people use them: a member books from the form (errors in
Indonesian, a full time offers the waiting list), sees the calendar without other
members' names, cancels knowing whether the fee stays; staff see names and decide."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.resources.bookings.models import Booking, WaitlistEntry
from guyub.testing.bookings import at, book, make_asset, make_member

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(start, end, **extra):
    start, end = timezone.localtime(start), timezone.localtime(end)
    return {"date": start.date().isoformat(), "start_time": start.strftime("%H:%M"),
            "end_time": end.strftime("%H:%M"), "units": 1, "repeat_weeks": 0, **extra}


def test_member_books_from_the_form_and_sees_it_in_their_list(coop):
    asset, member = make_asset(coop), make_member(coop)
    client = signed_in(member.user)
    response = client.post(reverse("resources:book", args=[coop.slug, asset.pk]),
                           form_data(at(2, 8), at(2, 10)), follow=True)
    assert "terkonfirmasi" in response.content.decode()
    page = client.get(reverse("resources:my_bookings", args=[coop.slug])).content.decode()
    assert asset.name in page and "Batalkan" in page


@pytest.mark.parametrize("data, words", [
    ({"end_time": "07:00"}, "sesudah jam mulai"),
    ({"date": "2020-01-01"}, "antara hari ini"),
    ({"date": "9999-12-31"}, "antara hari ini"),
    ({"start_time": "25:00"}, "Masukkan waktu"),
    ({"repeat_weeks": "99"}, "52"),
])
def test_bad_booking_input_gets_a_clear_error_and_books_nothing(coop, data, words):
    asset, member = make_asset(coop), make_member(coop)
    response = signed_in(member.user).post(
        reverse("resources:book", args=[coop.slug, asset.pk]),
        {**form_data(at(2, 8), at(2, 10)), **data})
    assert response.status_code == 200
    assert words in response.content.decode()
    with scopes_disabled():
        assert not Booking.objects.filter(cooperative=coop).exists()


def test_full_time_offers_the_waiting_list_and_joining_it_tells_the_position(coop):
    asset = make_asset(coop)
    book(asset, make_member(coop), at(2, 8), at(2, 10))
    member = make_member(coop)
    client = signed_in(member.user)
    url = reverse("resources:book", args=[coop.slug, asset.pk])
    response = client.post(url, form_data(at(2, 8), at(2, 10)))
    assert 'id="waitlist-offer"' in response.content.decode()
    response = client.post(reverse("resources:waitlist_join", args=[coop.slug, asset.pk]),
                           form_data(at(2, 8), at(2, 10)), follow=True)
    assert "urutan 1" in response.content.decode()
    with scopes_disabled():
        assert WaitlistEntry.objects.filter(member=member).count() == 1


def test_member_calendar_hides_other_names_officers_see_them(coop, board):
    asset = make_asset(coop)
    other = make_member(coop, owner_name="Pak Kornelius Tjandrawinata")
    book(asset, other, at(2, 8), at(2, 10))
    member = make_member(coop)
    book(asset, member, at(2, 12), at(2, 13))
    day = at(2, 8).date().isoformat()
    mine = signed_in(member.user).get(
        reverse("resources:asset_calendar", args=[coop.slug, asset.pk]) + f"?v=day&d={day}")
    text = mine.content.decode()
    # The name is one no generated member has (the page shows the signed-in member's own).
    assert "Tjandrawinata" not in text and "dipesan" in text and "Pesanan Anda" in text
    staff = signed_in(board).get(
        reverse("resources:calendar", args=[coop.slug, asset.pk]) + f"?d={day}")
    assert "Pak Kornelius Tjandrawinata" in staff.content.decode()


@pytest.mark.parametrize("query", ["?d=garbage", "?d=0001-01-01", "?d=9999-12-31&v=day",
                                   "?d=2026-02-30", "?v=year&d="])
def test_calendar_survives_any_date_in_the_address(coop, board, query):
    asset = make_asset(coop)
    response = signed_in(board).get(
        reverse("resources:calendar", args=[coop.slug, asset.pk]) + query)
    assert response.status_code == 200


def test_cancel_page_says_the_fee_stays_when_the_free_window_has_passed(coop):
    asset = make_asset(coop, free_cancel_hours=72)
    member = make_member(coop)
    booking = book(asset, member, at(2, 8), at(2, 10))
    client = signed_in(member.user)
    url = reverse("resources:my_booking_cancel", args=[coop.slug, booking.pk])
    assert 'id="cancel-fee-stays"' in client.get(url).content.decode()
    client.post(url, {"reason": "Hujan"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_another_members_booking_cannot_be_cancelled(coop):
    asset = make_asset(coop)
    booking = book(asset, make_member(coop), at(2, 8), at(2, 10))
    intruder = make_member(coop)
    url = reverse("resources:my_booking_cancel", args=[coop.slug, booking.pk])
    assert signed_in(intruder.user).post(url, {"reason": ""}).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_staff_approve_from_the_queue(coop, board):
    asset = make_asset(coop, requires_approval=True)
    booking = book(asset, make_member(coop), at(2, 8), at(2, 10))
    client = signed_in(board)
    queue = client.get(reverse("resources:bookings", args=[coop.slug])).content.decode()
    assert 'id="approval-queue"' in queue and str(booking) in queue
    client.post(reverse("resources:booking_approve", args=[coop.slug, booking.pk]))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_staff_schedule_maintenance_and_it_shows_on_the_calendar(coop, board):
    asset = make_asset(coop)
    client = signed_in(board)
    start = timezone.localtime(at(3, 9))
    client.post(reverse("resources:maintenance", args=[coop.slug, asset.pk]),
                {"date": start.date().isoformat(), "start_time": "09:00",
                 "end_time": "11:00", "note": "Ganti elemen"})
    day = (start.date() - dt.timedelta(days=0)).isoformat()
    page = client.get(reverse("resources:calendar", args=[coop.slug, asset.pk])
                      + f"?v=day&d={day}").content.decode()
    assert "cal-seg maintenance" in page


def test_member_home_links_to_booking(coop):
    member = make_member(coop)
    page = signed_in(member.user).get(reverse("core:dashboard", args=[coop.slug]))
    assert 'id="home-book-assets"' in page.content.decode()


def test_staff_book_for_a_non_member_renter_at_the_other_rate(coop, board):
    asset = make_asset(coop)
    response = signed_in(board).post(
        reverse("resources:booking_new", args=[coop.slug, asset.pk]),
        {**form_data(at(2, 8), at(2, 9)), "renter_name": "CV Sangrai Bersama"}, follow=True)
    assert "CV Sangrai Bersama" in response.content.decode()
    with scopes_disabled():
        booking = Booking.objects.get(cooperative=coop)
    assert booking.member is None and booking.fee == 80000


def test_staff_cancel_with_too_long_a_reason_changes_nothing(coop, board):
    booking = book(make_asset(coop), make_member(coop), at(2, 8), at(2, 10))
    response = signed_in(board).post(
        reverse("resources:booking_cancel", args=[coop.slug, booking.pk]),
        {"reason": "x" * 1000}, follow=True)
    assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
