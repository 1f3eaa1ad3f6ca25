"""The usage report over a known set of bookings: hours, fees, idle time, the top three
members' share, and asset income from the ledger."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.resources.assets.models import MaintenanceWindow
from guyub.resources.bookings.models import Booking
from guyub.resources.charges import services
from guyub.resources.usage.selectors import usage_report
from guyub.testing.factories import MemberFactory
from guyub.testing.resources import at, cold_room, confirmed_booking, roaster

TODAY = timezone.localdate()
START, END = TODAY - dt.timedelta(days=3), TODAY + dt.timedelta(days=3)  # 7 days, 168 h


@pytest.fixture
def world(coop, board):
    machine, room = roaster(coop), cold_room(coop)
    tani, budi, sari, dewi = (MemberFactory(cooperative=coop, owner_name=name)
                              for name in ("Tani", "Budi", "Sari", "Dewi"))
    day = TODAY - dt.timedelta(days=1)

    def book(asset, member, start, end, **kw):
        return confirmed_booking(asset, member=member, starts_at=start, ends_at=end,
                                 actor=board, **kw)

    first = book(machine, tani, at(day, 8), at(day, 10))            # 2 h, Rp100.000
    book(machine, tani, at(day, 10), at(day, 13))                   # 3 h, Rp150.000
    for member, hour in ((budi, 13), (sari, 14), (dewi, 15)):       # 1 h each
        book(machine, member, at(day, hour), at(day, hour + 1))
    book(machine, None, at(day, 16), at(day, 18), renter_name="CV Tamu")  # 2 h, Rp160.000
    cancelled = book(machine, budi, at(day, 18), at(day, 22))       # not counted
    book(room, tani, at(day, 0), at(TODAY, 0), units=3)             # 3 shelves × 24 h
    with scope(cooperative=coop):
        services.pay_booking(booking=first, actor=board, method="cash")
        services.check_out(booking=first, actor=board, condition="Bersih")
        services.check_in(booking=first, actor=board, condition="Baik",
                          at=first.ends_at + dt.timedelta(minutes=30))  # late: Rp50.000
        services.release_charge(booking=cancelled, actor=board, reason="Batal")
        Booking.objects.filter(pk=cancelled.pk).update(status=Booking.Status.CANCELLED)
        MaintenanceWindow.objects.create(cooperative=coop, asset=machine,
                                         starts_at=at(TODAY + dt.timedelta(days=1), 8),
                                         ends_at=at(TODAY + dt.timedelta(days=1), 16))
    return {"machine": machine, "room": room, "tani": tani}


def report(coop):
    with scope(cooperative=coop):
        return usage_report(start=START, end=END)


def test_per_asset_figures(coop, world):
    rows = {r.key: r for r in report(coop)["assets"]}
    machine, room = rows[world["machine"]], rows[world["room"]]
    assert (machine.bookings, machine.hours) == (6, Decimal(10))
    assert machine.available == Decimal(168 - 8)
    assert machine.idle == Decimal(150)
    assert machine.charged == Decimal("610000")  # fees 560.000 + late fee 50.000
    assert machine.paid == Decimal("100000")
    assert machine.income == Decimal("610000")   # the released fee counts nothing
    assert machine.top_share == Decimal("70.0")  # Tani 5 + two of 1 h, of 10 h
    assert (room.bookings, room.hours, room.idle) == (1, Decimal(72), Decimal(168 * 6 - 72))
    assert (room.income, room.top_share) == (Decimal("45000"), Decimal("100.0"))


def test_per_member_figures_and_the_top_three_share(coop, world):
    built = report(coop)
    tani = built["members"][0]
    assert tani.key == world["tani"]
    assert (tani.bookings, tani.hours) == (3, Decimal(77))
    assert (tani.charged, tani.paid) == (Decimal("345000"), Decimal("100000"))
    renter = next(r for r in built["members"] if r.key is None)
    assert (renter.bookings, renter.hours, renter.charged) == (1, Decimal(2), Decimal("160000"))
    total = built["total"]
    assert (total.bookings, total.hours, total.income) == (7, Decimal(82), Decimal("655000"))
    assert total.top_share == Decimal("96.3")    # (77 + 1 + 1) / 82


def test_a_period_without_bookings_is_all_idle(coop, world):
    with scope(cooperative=coop):
        empty = usage_report(start=TODAY + dt.timedelta(days=30),
                             end=TODAY + dt.timedelta(days=30))
    machine = next(r for r in empty["assets"] if r.key == world["machine"])
    assert (machine.hours, machine.idle, machine.top_share) == (0, Decimal(24), None)


def test_the_page_and_its_spreadsheet(coop, world, board, client):
    client.force_login(board)
    url = f"/k/{coop.slug}/sumber-daya/laporan-pemakaian/?start={START}&end={END}"
    page = client.get(url)
    assert page.status_code == 200
    assert "96.3%" in page.content.decode() or "96,3%" in page.content.decode()
    sheet = client.get(url + "&format=xlsx")
    assert sheet.status_code == 200
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("query", ["start=2026-02-30&end=2026-03-01",
                                   "start=2026-03-05&end=2026-03-01",
                                   "start=2020-01-01&end=2026-01-01", "start=x&end=y"])
def test_a_bad_period_is_explained_not_a_500(coop, board, client, query):
    client.force_login(board)
    response = client.get(f"/k/{coop.slug}/sumber-daya/laporan-pemakaian/?{query}")
    assert response.status_code == 200
    assert response.context["form"].errors
