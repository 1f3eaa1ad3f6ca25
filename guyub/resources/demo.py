"""Demo data for shared resources: what the cooperative lends its members, and two
months of its use.

- four assets: the coffee roaster (equipment; only members trained in "Pelatihan
  roaster", hourly member and non-member rates, a deposit, at most 6 hours per member
  per week), the cold room of 6 shelves (divisible, by the day), the pick-up truck
  (a vehicle: staff approve each booking) and the certified production kitchen (a
  space; only members with the food-safety training);
- the trained members, the member login among them (roaster and kitchen);
- past bookings taken out and brought back: one roast returned 70 minutes late (its
  late fee taken from the deposit), fees paid in cash, by bank and from the member
  login's simpanan sukarela, a non-member caterer's kitchen hours at the other rate;
- bookings in the coming days (so the calendars are not empty), the member login's
  truck request waiting for staff, a member on the roaster's waiting list, and the
  roaster's maintenance next week.

Called by guyub.core.demo.load_demo inside the demo cooperative's scope, through the
services the pages use. Bookings may only be made for a time still to come, and
hand-overs and the journal are append-only, so each past step runs on its own day
under the shared demo clock (guyub.core.demo_clock.on).
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from guyub.catalog.illustrations import illustration
from guyub.core.demo import MEMBER_LOGIN
from guyub.core.demo_clock import day, on
from guyub.members.models import Member, Sector
from guyub.members.simpanan import services as simpanan

from .assets import services as assets
from .assets.models import Asset
from .bookings import services as bookings
from .bookings.models import Booking
from .charges import services as charges

D = Decimal
STAFF_LOGIN = "staf@demo.guyub.id"
ROASTER_TRAINING = "Pelatihan roaster"
KITCHEN_TRAINING = "Penyuluhan Keamanan Pangan (PKP)"

ASSETS = {
    "roaster": dict(
        name="Mesin sangrai kopi 5 kg", kind=Asset.Kind.EQUIPMENT,
        location="Rumah produksi koperasi, Jl. Kaliurang Km 9,5 (ruang belakang)",
        description="Mesin sangrai (roaster) drum kapasitas 5 kg per batch, pemanas gas, "
                    "dilengkapi pendingin biji dan termokopel untuk profil sangrai.",
        usage_rules="Hanya anggota yang sudah ikut Pelatihan roaster. Bawa green bean "
                    "sendiri, paling banyak 5 kg per batch. Bersihkan chaff collector "
                    "setelah selesai. Gas dihitung dalam tarif.",
        fee_basis=Asset.FeeBasis.HOUR, member_rate=D(35000), non_member_rate=D(60000),
        deposit=D(200000), required_training=ROASTER_TRAINING, weekly_cap_hours=6,
        free_cancel_hours=24, maintenance_every_days=30),
    "coldroom": dict(
        name="Ruang pendingin", kind=Asset.Kind.SPACE, units=6, unit_label="rak",
        location="Gudang koperasi, Ngaglik",
        description="Ruang pendingin 2–6 °C dengan 6 rak besi, tiap rak memuat sekitar "
                    "80 kg. Untuk bahan baku dan produk yang mudah rusak.",
        usage_rules="Beri label nama dan tanggal pada setiap wadah. Tidak untuk bahan "
                    "berbau tajam tanpa wadah tertutup.",
        fee_basis=Asset.FeeBasis.DAY, member_rate=D(15000), non_member_rate=D(25000),
        free_cancel_hours=24),
    "truck": dict(
        name="Mobil bak terbuka (pick-up)", kind=Asset.Kind.VEHICLE,
        location="Halaman kantor koperasi",
        description="Pick-up bak terbuka muatan 1 ton, untuk mengangkut bahan baku dan "
                    "mengantar pesanan ke pasar atau pembeli.",
        usage_rules="Pengemudi wajib ber-SIM A. Bahan bakar diisi kembali seperti saat "
                    "diambil. Setiap pemesanan disetujui staf.",
        fee_basis=Asset.FeeBasis.DAY, member_rate=D(250000), non_member_rate=D(400000),
        deposit=D(500000), requires_approval=True, free_cancel_hours=48,
        maintenance_every_days=90),
    "kitchen": dict(
        name="Dapur produksi bersertifikat", kind=Asset.Kind.SPACE,
        location="Rumah produksi koperasi, Jl. Kaliurang Km 9,5 (lantai 1)",
        description="Dapur produksi bersertifikat laik higiene sanitasi, dengan kompor "
                    "tiga tungku, oven gas, meja stainless dan sealer, sehingga produk "
                    "anggota dapat didaftarkan P-IRT.",
        usage_rules="Hanya anggota yang sudah ikut Penyuluhan Keamanan Pangan. Pakai "
                    "celemek, penutup kepala dan sarung tangan. Dapur dibersihkan sebelum "
                    "diserahkan kembali.",
        fee_basis=Asset.FeeBasis.HOUR, member_rate=D(40000), non_member_rate=D(75000),
        required_training=KITCHEN_TRAINING, free_cancel_hours=24),
}


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _members(sector, count, *, skip=()) -> list[Member]:
    return list(Member.objects.filter(status=Member.Status.ACTIVE, sector=sector,
                                      user__isnull=True).exclude(pk__in=[m.pk for m in skip])
                .order_by("number")[:count])


def _at(days_ago: int, hour: int, minute: int = 0) -> dt.datetime:
    """A local moment on a day counted from the real today (negative: ahead)."""
    return timezone.make_aware(dt.datetime.combine(day(days_ago), dt.time(hour, minute)))


def _register(coop, board) -> dict[str, Asset]:
    """Registered two months ago, each with its picture."""
    made = {}
    with on(60, 10):
        for key, fields in ASSETS.items():
            asset = assets.save_asset(Asset(cooperative=coop, **fields), actor=board)
            assets.add_photo(asset=asset, actor=board, upload=illustration(asset.name),
                             caption=asset.name)
            made[key] = asset
    with on(31, 15):
        assets.mark_maintained(asset=made["roaster"], actor=board)
    with on(58, 14):
        assets.mark_maintained(asset=made["truck"], actor=board)
    return made


def _train(made, board, wulan, roasters, cooks) -> None:
    """The roaster training and the food-safety course, both held last month."""
    with on(45, 16):
        for member in [wulan, *roasters]:
            assets.grant_qualification(asset=made["roaster"], member=member, actor=board,
                                       granted_on=day(45), note="Angkatan ke-3, lulus praktik")
    with on(40, 15):
        for member in [wulan, *cooks]:
            assets.grant_qualification(asset=made["kitchen"], member=member, actor=board,
                                       granted_on=day(40),
                                       note="Sertifikat PKP Dinas Kesehatan Sleman")


def _used(asset, *, member=None, renter="", booked: int, start, end, units=1, actor,
          staff, back=None, paid: str, note="") -> Booking:
    """A past booking: booked `booked` days ago, taken out at its start, brought back
    (at `back`, or on time) and its fee paid right after."""
    with on(booked, 19):
        booking = bookings.book(asset=asset, member=member, renter_name=renter,
                                starts_at=start, ends_at=end, units=units, actor=actor,
                                note=note)
    if booking.status == Booking.Status.REQUESTED:
        with on(booked, 20):
            bookings.approve(booking=booking, actor=staff)
    local = timezone.localtime(start)
    with on((timezone.localdate() - local.date()).days, local.hour, local.minute):
        charges.check_out(booking=booking, actor=staff, deposit_method="cash", at=start,
                          condition="Bersih dan berfungsi baik; diperiksa bersama anggota.")
    back = back or end - dt.timedelta(minutes=10)
    local = timezone.localtime(back)
    with on((timezone.localdate() - local.date()).days, local.hour, local.minute):
        charges.check_in(booking=booking, actor=staff, refund_method="cash", at=back,
                         condition="Dikembalikan bersih, tidak ada kerusakan.")
        booking = charges.pay_booking(booking=booking, actor=staff, method=paid)
    return booking


def _history(made, board, staff, wulan, roasters, cooks, keepers) -> None:
    """The last three weeks: every booking back and paid."""
    # The member login saves up first; her first roast is paid from her sukarela.
    with on(25, 10):
        simpanan.deposit_sukarela(member=wulan, actor=staff, date=day(25), amount=D(1500000),
                                  method="cash", note="Setoran tabungan usaha")
    _used(made["roaster"], member=wulan, booked=23, start=_at(20, 8), end=_at(20, 11),
          actor=wulan.user or staff, staff=staff, paid=Booking.Payment.SUKARELA,
          note="Sangrai 10 kg Arabika natural untuk pesanan hotel")
    _used(made["truck"], member=roasters[0], booked=17, start=_at(15, 6), end=_at(15, 16),
          actor=staff, staff=staff, paid=Booking.Payment.CASH,
          note="Ambil green bean dari petani di Cangkringan")
    # Back 70 minutes late: two more roaster hours, taken from the deposit.
    _used(made["roaster"], member=roasters[0], booked=14, start=_at(13, 13),
          end=_at(13, 15), back=_at(13, 16, 10), actor=staff, staff=staff,
          paid=Booking.Payment.CASH)
    _used(made["kitchen"], renter="Ibu Sumarni (Katering Sumber Rejeki)", booked=15,
          start=_at(12, 9), end=_at(12, 13), actor=staff, staff=staff,
          paid=Booking.Payment.BANK, note="Penyewa non-anggota, pesanan nasi kotak")
    _used(made["coldroom"], member=keepers[0], booked=11, start=_at(10, 8),
          end=_at(6, 8), units=3, actor=staff, staff=staff, paid=Booking.Payment.BANK,
          note="Salak pondoh untuk bahan pie")
    _used(made["kitchen"], member=cooks[0], booked=9, start=_at(8, 7), end=_at(8, 12),
          actor=staff, staff=staff, paid=Booking.Payment.CASH, note="Produksi bakpia")


def _coming(made, board, staff, wulan, roasters, cooks, keepers) -> None:
    """The coming days: the calendars show them."""
    bookings.book(asset=made["roaster"], member=wulan, starts_at=_at(-1, 8),
                  ends_at=_at(-1, 11), actor=wulan.user or staff,
                  note="Sangrai untuk pengiriman kontrak hotel")
    full = {"starts_at": _at(-2, 13), "ends_at": _at(-2, 16)}
    bookings.book(asset=made["roaster"], member=roasters[0], actor=staff, **full)
    # The same afternoon is full: the second trained roaster waits for it.
    if len(roasters) > 1:
        bookings.join_waitlist(asset=made["roaster"], member=roasters[1], actor=staff, **full)
    bookings.book(asset=made["coldroom"], member=keepers[-1], starts_at=_at(-1, 8),
                  ends_at=_at(-5, 8), units=2, actor=staff, note="Susu kambing dan yoghurt")
    bookings.book(asset=made["coldroom"], member=wulan, starts_at=_at(-2, 8),
                  ends_at=_at(-4, 8), units=1, actor=wulan.user or staff,
                  note="Green bean sebelum disangrai")
    bookings.book(asset=made["kitchen"], member=cooks[-1], starts_at=_at(-2, 7),
                  ends_at=_at(-2, 12), actor=staff, note="Produksi keripik tempe")
    # The member login asks for the truck: it waits for staff's approval.
    bookings.book(asset=made["truck"], member=wulan, starts_at=_at(-3, 6),
                  ends_at=_at(-3, 14), actor=wulan.user or staff,
                  note="Antar kopi ke Hotel Nusantara Raya dan ambil kemasan")
    # The roaster's service: Wednesday of next week, in the morning.
    today = timezone.localdate()
    wednesday = today + dt.timedelta(days=7 - today.weekday() + 2)
    bookings.schedule_maintenance(
        asset=made["roaster"], actor=board,
        starts_at=_at((today - wednesday).days, 8), ends_at=_at((today - wednesday).days, 13),
        note="Servis rutin: bersihkan cerobong dan kalibrasi termokopel")


def load_resources_demo(coop, board) -> str:
    """The resources demo (in the cooperative's scope). Needs the members demo's member
    login and a few coffee, snack and food members."""
    staff = _user(STAFF_LOGIN) or board
    wulan = Member.objects.get(user__username=MEMBER_LOGIN)
    roasters = _members(Sector.COFFEE, 2, skip=[wulan])
    cooks = _members(Sector.SNACKS, 2)
    keepers = _members(Sector.FOOD, 2) or cooks
    made = _register(coop, board)
    _train(made, board, wulan, roasters, cooks)
    _history(made, board, staff, wulan, roasters, cooks, keepers)
    _coming(made, board, staff, wulan, roasters, cooks, keepers)
    return f"{len(made)} shared assets with {Booking.objects.count()} bookings"
