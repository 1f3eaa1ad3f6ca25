"""The members' part of the demo cooperative: about 40 UMKM owners around Sleman,
the member login (an approved application), two applications waiting for the
board, and a year of simpanan. Contributed to `manage.py load_demo` through
MembersConfig; runs inside the cooperative's scope, before sales and purchasing
(which trade with these members).

A fixed seed makes the demo the same on every machine."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from faker import Faker

from guyub.core.demo import DEMO_PASSWORD, MEMBER_LOGIN

from . import services as member_services
from .models import Member, Sector

# Real kinds of UMKM around Sleman, with the words their business names use.
BUSINESSES = {
    Sector.COFFEE: ["Kopi Merapi", "Kopi Lereng", "Roastery Kaliurang", "Kopi Turgo"],
    Sector.BATIK: ["Batik Tulis", "Batik Cap", "Batik Ecoprint", "Tenun Lurik"],
    Sector.SNACKS: ["Keripik Tempe", "Bakpia", "Geplak", "Peyek Kacang", "Salak Pondoh Pie"],
    Sector.CRAFTS: ["Anyaman Bambu", "Gerabah Kasongan", "Kerajinan Kulit", "Wayang Kulit"],
    Sector.FASHION: ["Konveksi", "Hijab", "Tas Rajut", "Sepatu Kulit"],
    Sector.FOOD: ["Jamu Gendong", "Sambal Bawang", "Madu Hutan"],
}
REGENCIES = [("34", "Sleman"), ("34", "Bantul"), ("34", "Kota Yogyakarta"),
             ("34", "Kulon Progo"), ("33", "Magelang"), ("33", "Klaten")]
REGION_CODES = {"Sleman": "3404", "Bantul": "3402", "Kota Yogyakarta": "3471",
                "Kulon Progo": "3401", "Magelang": "3308", "Klaten": "3310"}


def _nik(rng: random.Random, regency: str, female: bool, birth: dt.date) -> str:
    day = birth.day + (40 if female else 0)
    return (f"{REGION_CODES[regency]}{rng.randint(1, 17):02d}{day:02d}{birth.month:02d}"
            f"{birth.year % 100:02d}{rng.randint(1, 9999):04d}")


def person_name(fake: Faker, female: bool) -> str:
    """A given name and a family name, as people introduce themselves at a market stall.

    Faker's id_ID `name()` adds degrees and titles ("Ir.", "Drs.", "Dt.", ", S.Kom"),
    which made the demo's owners, and the businesses named after them, read like
    a faculty list ("Usaha S.Kom")."""
    if female:
        return f"{fake.first_name_female()} {fake.last_name_female()}"
    return f"{fake.first_name_male()} {fake.last_name_male()}"


def _profile(fake: Faker, rng: random.Random, sector: str) -> dict:
    province, regency = rng.choice(REGENCIES)
    female = rng.random() < 0.55
    name = person_name(fake, female)
    birth = fake.date_of_birth(minimum_age=23, maximum_age=64)
    capital = Decimal(rng.choice([15, 25, 40, 75, 120, 250, 400, 800, 1500, 3000])) * 1_000_000
    sales = capital * Decimal(rng.choice(["1.5", "2", "3", "4"]))
    business = f"{rng.choice(BUSINESSES[sector])} {name.split()[-1]}"
    return {
        "owner_name": name,
        "nik": _nik(rng, regency, female, birth),
        "business_name": business,
        "nib": f"{rng.randint(10**12, 10**13 - 1)}" if rng.random() < 0.8 else "",
        "phone": f"+628{rng.choice(['12', '13', '21', '52', '57', '77', '95'])}"
                 f"{rng.randint(1000000, 99999999)}",
        "email": "",
        "address": fake.street_address(),
        "province": province,
        "regency": regency,
        "sector": sector,
        "workers": rng.randint(1, 25),
        "business_capital": capital,
        "annual_sales": sales,
    }


def _month_start(day: dt.date, back: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - back, 12)
    return dt.date(year, month + 1, 1)


def _simpanan_history(coop, board, rng: random.Random) -> None:
    """A year of simpanan: dues mostly on time, some members behind, some voluntary savers.

    Dues from before the year are brought in as one catch-up payment per member, so
    arrears reflect only the last twelve months.
    """
    from guyub.members.simpanan import selectors as simpanan_reads
    from guyub.members.simpanan import services as simpanan
    from guyub.members.simpanan.dues import months_due

    today = dt.date.today()
    year_start = _month_start(today, 11)
    for member in Member.objects.filter(status=Member.Status.ACTIVE).order_by("number"):
        before = months_due(member.join_date, year_start - dt.timedelta(days=1))
        while before > 0:  # one payment covers at most MAX_WAJIB_MONTHS
            chunk = min(before, simpanan.MAX_WAJIB_MONTHS)
            simpanan.pay_wajib(member=member, actor=board, months=chunk,
                               date=max(member.join_date, year_start - dt.timedelta(days=1)))
            before -= chunk
        # About one in five members falls one to four months behind.
        behind = rng.choice([0, 0, 0, 0, 1, 2, 4])
        for back in range(11, behind - 1, -1):
            paid_on = _month_start(today, back) + dt.timedelta(days=rng.randint(0, 9))
            if member.join_date <= paid_on <= today:
                simpanan.pay_wajib(member=member, actor=board, months=1, date=paid_on,
                                   method=rng.choice(["cash", "cash", "bank"]))
        if rng.random() < 0.35:  # voluntary savers
            for back in sorted(rng.sample(range(12), rng.randint(2, 5)), reverse=True):
                day = _month_start(today, back) + dt.timedelta(days=rng.randint(10, 25))
                if not member.join_date <= day <= today:
                    continue
                simpanan.deposit_sukarela(member=member, actor=board, date=day,
                                          amount=Decimal(rng.choice([100, 250, 500, 1000, 2000]))
                                          * 1000, method=rng.choice(["cash", "bank"]))
            balance = simpanan_reads.balances(member)["sukarela"]
            if balance > 200000 and rng.random() < 0.5:
                simpanan.withdraw(member=member, actor=board, kind="sukarela",
                                  date=today - dt.timedelta(days=rng.randint(1, 20)),
                                  amount=(balance / 2).quantize(Decimal("1000")))


def load_members_demo(coop, board) -> str:
    rng = random.Random(2026)
    fake = Faker("id_ID")
    fake.seed_instance(2026)
    users = get_user_model().objects
    sectors = [s for s in BUSINESSES for _ in range(7)][:38]
    rng.shuffle(sectors)
    for i, sector in enumerate(sectors):
        joined = dt.date(2019, 3, 12) + dt.timedelta(days=int(i * 55 + rng.randint(0, 40)))
        member_services.register_member(cooperative=coop, actor=board,
                                        profile=_profile(fake, rng, sector),
                                        join_date=joined)
    # The member login: an approved application, so it has its account and role.
    member_user = users.create_user(username=MEMBER_LOGIN, email=MEMBER_LOGIN,
                                    password=DEMO_PASSWORD, first_name="Wulan",
                                    last_name="Puspitasari")
    profile = _profile(fake, rng, Sector.COFFEE)
    profile.update(owner_name="Wulan Puspitasari", business_name="Kopi Lereng Merapi Wulan",
                   email=MEMBER_LOGIN)
    applicant = member_services.submit_application(cooperative=coop, profile=profile,
                                                   user=member_user)
    member_services.change_status(member=applicant, actor=board, to_status="active",
                                  date=dt.date(2025, 1, 15), reason="Disetujui rapat pengurus")
    # Two people waiting for the board's decision.
    for sector in (Sector.BATIK, Sector.SNACKS):
        data = _profile(fake, rng, sector)
        data["email"] = f"pemohon.{sector}@demo.guyub.id"
        member_services.submit_application(cooperative=coop, profile=data,
                                           password=DEMO_PASSWORD)
    _simpanan_history(coop, board, rng)
    return f"{Member.objects.count()} member records"
