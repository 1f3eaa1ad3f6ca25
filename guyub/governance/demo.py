"""The demo cooperative's governance: the by-law rules, last fiscal year's
accountability RAT held and closed (register frozen at the notice, members in the room,
online and by proxy, the accounts and budget approved by consensus, the SHU split passed
by secret ballot, two pengurus elected and seated by the daily job, the minutes signed),
and an extraordinary meeting (RALB) on a by-law change called for ten days from now,
with a proxy given to the member login.

Everything goes through the services on the demo clock (`on`), each step on its own day,
so the audit log, the notices and the decision numbers read as in real use. Runs last
among the apps' demos, in the cooperative's scope; a fixed seed makes it the same on
every machine."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from faker import Faker

from guyub.core.demo import DEMO_PASSWORD, MEMBER_LOGIN
from guyub.core.demo_clock import day, on
from guyub.members import services as member_services
from guyub.members.demo import _profile
from guyub.members.models import Member, Sector

from . import jobs
from .attendance.models import RegisterEntry
from .attendance.services import calling, door, online, proxies
from .ballots.services import casting, votes
from .decisions.models import Decision
from .decisions.services import decide_by_consensus
from .elections.models import Office
from .elections.services import close_election, create_election
from .meetings import rules
from .meetings import services as meetings
from .meetings.models import AgendaItem, Meeting
from .minutes.services import close_meeting, sign_minutes

STAFF_LOGIN = "staf@demo.guyub.id"
# A newly elected pengurus with a login: the daily job gives her the board role.
ELECTED_LOGIN = "pengurus.baru@demo.guyub.id"
PLACE = "Aula Koperasi, Jl. Kaliurang Km 9,5, Ngaglik"
# Roughly eight months ago, inside the six months after the fiscal year ended.
HELD_DAYS_AGO = 240


def _member_with_login(coop, board, rng, fake, *, email, name, sector, joined, user=None):
    """A member with their own login, made as the member login is (an application the
    board approves), so the register and the officer terms find their account."""
    if user is None:
        first, _, last = name.partition(" ")
        user = get_user_model().objects.create_user(
            username=email, email=email, password=DEMO_PASSWORD, first_name=first,
            last_name=last)
    profile = _profile(fake, rng, sector)
    profile.update(owner_name=name, email=email,
                   business_name=f"{profile['business_name'].rsplit(' ', 1)[0]} "
                                 f"{name.split()[-1]}")
    member = member_services.submit_application(cooperative=coop, profile=profile, user=user)
    member_services.change_status(member=member, actor=board, to_status="active", date=joined,
                                  reason="Disetujui rapat pengurus")
    return Member.objects.get(pk=member.pk)


def _held_day(coop) -> tuple[int, int]:
    """(fiscal year, days ago the RAT was held): about eight months ago, within the six
    months after that fiscal year ended (rules.rat_deadline), at least six weeks after
    its end (the accounts are audited first) and a few days before today."""
    today = timezone.localdate()
    start = coop.fiscal_year_start_month or 1
    year = rules.last_ended_fiscal_year(today, start)
    if rules.fiscal_year_end(year, start) + dt.timedelta(days=45) > today - dt.timedelta(7):
        year -= 1  # the year just ended: its RAT is not held yet; show the one before
    earliest = rules.fiscal_year_end(year, start) + dt.timedelta(days=45)
    latest = min(rules.rat_deadline(year, start), today - dt.timedelta(days=7))
    held = min(max(today - dt.timedelta(days=HELD_DAYS_AGO), earliest), latest)
    return year, (today - held).days


def _cast_all(vote, room, online_entries, proxy_pairs, staff, users, pick):
    """Every member present casts: those in the room on the staff's tablet, those online
    on their own page, proxy holders for their grantors."""
    for entry in room:
        casting.cast_tablet(vote=vote, voter=entry, positions=pick(), actor=staff)
    for entry in online_entries:
        casting.cast_online(vote=vote, holder=entry, voter=entry, positions=pick(),
                            actor=users[entry.pk])
    for holder, grantor in proxy_pairs:
        casting.cast_online(vote=vote, holder=holder, voter=grantor, positions=pick(),
                            actor=users[holder.pk])


def _still_online(meeting, online_entries, users):
    """The online members' pages keep beating (every 30 s in real use): without it they
    would not count as present when a vote opens or closes an hour later."""
    for entry in online_entries:
        online.heartbeat(meeting_id=meeting.pk, user=users[entry.pk])


def _weighted(rng, weights):
    """A picker of one option position by weight (position: weight)."""
    positions, w = list(weights), list(weights.values())
    return lambda: [rng.choices(positions, w)[0]]


def load_governance_demo(cooperative, board_user):
    coop, board = cooperative, board_user
    rng = random.Random(1545)
    fake = Faker("id_ID")
    fake.seed_instance(1545)
    users = get_user_model().objects
    staff = users.get(username=STAFF_LOGIN)
    wulan = Member.objects.get(user__username=MEMBER_LOGIN)
    year, held = _held_day(coop)

    with on(held + 30, 10):
        meetings.save_settings(cooperative=coop, actor=board, notice_days=14,
                               quorum_fraction=Decimal("0.5"), quorum_rule="more_than",
                               proxies_allowed=True, proxy_cap=1,
                               special_majority=Decimal("0.667"))
        # The chair (the board login) and a candidate are members with their own logins.
        hendra = _member_with_login(coop, board, rng, fake, email=board.email,
                                    name=board.get_full_name(), sector=Sector.BATIK,
                                    joined=dt.date(2019, 3, 12), user=board)
        dwi = _member_with_login(coop, board, rng, fake, email=ELECTED_LOGIN,
                                 name="Dwi Rahayu", sector=Sector.SNACKS,
                                 joined=dt.date(2020, 8, 3))

    # --- last fiscal year's accountability RAT ------------------------------------------
    with on(held + 18, 14):
        rat = meetings.create_meeting(
            cooperative=coop, actor=board, kind=Meeting.Kind.RAT,
            title=f"Rapat Anggota Tahunan Tahun Buku {year}", fiscal_year=year,
            starts_at=timezone.make_aware(dt.datetime.combine(day(held), dt.time(9, 0))),
            place=PLACE, online=True)
        items = {}
        for kind, title, text in [
            (AgendaItem.Kind.ACCOUNTS, f"Laporan pertanggungjawaban pengurus dan laporan "
             f"keuangan tahun buku {year}",
             "Neraca, laporan SHU dan laporan pengawas; diaudit kantor akuntan publik."),
            (AgendaItem.Kind.SHU, f"Pembagian SHU tahun buku {year}",
             "Usul pengurus: 40% cadangan, 25% jasa anggota, 20% jasa modal, 15% dana "
             "pengurus, pendidikan dan sosial."),
            (AgendaItem.Kind.BUDGET, f"Rencana kerja dan anggaran tahun buku {year + 1}",
             "Program pemasaran bersama, pelatihan pengemasan, anggaran Rp 480 juta."),
            (AgendaItem.Kind.ELECTION, "Pemilihan pengurus (2 kursi)",
             "Masa jabatan tiga tahun; dua kursi pengurus yang habis masa jabatannya."),
        ]:
            items[kind] = meetings.add_item(meeting=rat, actor=board, kind=kind, title=title,
                                            description=text)

    with on(held + 16, 10):
        rat = calling.call(meeting=rat, actor=board)
        others = list(Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=True)
                      .order_by("number"))
        loser = others[3]
        term_start = day(held) + dt.timedelta(days=1)
        term_start = dt.date(term_start.year + term_start.month // 12,
                             term_start.month % 12 + 1, 1)  # the 1st of the next month
        term_end = dt.date(term_start.year + 3, term_start.month, 1) - dt.timedelta(days=1)
        election = create_election(
            item=items[AgendaItem.Kind.ELECTION], actor=board, office=Office.BOARD, seats=2,
            term_start=term_start, term_end=term_end,
            candidates=[
                (hendra, "Ketua pengurus sejak 2019. Ingin menuntaskan gudang bersama dan "
                         "pemasaran daring anggota."),
                (dwi, "Pemilik usaha peyek kacang. Siap mengurus pelatihan pengemasan dan "
                      "perizinan PIRT anggota."),
                (loser, "Anggota sejak awal. Ingin memperkuat simpanan anggota dan "
                        "kunjungan ke kelompok."),
            ])

    entries = {e.member_id: e for e in RegisterEntry.objects.filter(meeting=rat)}
    by_user = {entries[m.pk].pk: m.user for m in (hendra, dwi, wulan)}
    # Who comes: Wulan and Dwi online, one member gives Wulan a proxy, five stay away,
    # everyone else in the room.
    absent = [entries[m.pk] for m in others[-6:]]
    grantor = absent[0]
    online_entries = [entries[wulan.pk], entries[dwi.pk]]
    room = [e for e in entries.values() if e not in absent and e not in online_entries]
    room.sort(key=lambda e: e.number)

    with on(held + 3, 11):
        proxies.register_proxy(meeting=rat, actor=staff, grantor_number=grantor.number,
                               holder_number=entries[wulan.pk].number)
    with on(held, 8, 15):
        for entry in room:
            door.check_in(meeting=rat, actor=staff, number=entry.number)
    with on(held, 9, 5):
        rat = calling.open_meeting(meeting=rat, actor=board)
        for entry in online_entries:
            online.join_online(meeting=rat, member=entry.member, actor=by_user[entry.pk])
    with on(held, 9, 50):
        decide_by_consensus(
            item=items[AgendaItem.Kind.ACCOUNTS], outcome=Decision.Outcome.APPROVED,
            actor=board,
            text=f"Laporan pertanggungjawaban pengurus dan laporan keuangan tahun buku {year} "
                 "diterima dan disahkan secara musyawarah; pengurus dibebaskan dari tanggung "
                 "jawab atas tahun buku itu (acquit et de charge).")
    with on(held, 10, 20):
        shu = votes.create_vote(item=items[AgendaItem.Kind.SHU], actor=board,
                                kind="motion", secret=True,
                                question=f"Setuju pembagian SHU tahun buku {year} sesuai "
                                         "usul pengurus?")
        _still_online(rat, online_entries, by_user)
        shu = votes.open_vote(vote=shu, actor=board)
        _cast_all(shu, room, online_entries, [(entries[wulan.pk], grantor)], staff, by_user,
                  _weighted(rng, {0: 8, 1: 1, 2: 1}))
    with on(held, 10, 35):
        _still_online(rat, online_entries, by_user)
        votes.close(vote=shu, actor=board)
    with on(held, 10, 50):
        decide_by_consensus(
            item=items[AgendaItem.Kind.BUDGET], outcome=Decision.Outcome.APPROVED,
            actor=board,
            text=f"Rencana kerja dan anggaran tahun buku {year + 1} disetujui dengan catatan: "
                 "pelatihan pengemasan diutamakan untuk anggota baru.")
    with on(held, 11, 10):
        _still_online(rat, online_entries, by_user)
        ballot_box = votes.open_vote(vote=election.vote, actor=board)
        candidates = [0, 0, 0, 0, 1, 1, 1, 2, 2]

        def two():
            return sorted(set(rng.sample(candidates, 2)))

        _cast_all(ballot_box, room, online_entries, [(entries[wulan.pk], grantor)],
                  staff, by_user, two)
    with on(held, 11, 40):
        _still_online(rat, online_entries, by_user)
        close_election(vote=ballot_box, actor=board)
    with on(held, 12, 5):
        _still_online(rat, online_entries, by_user)
        close_meeting(meeting=rat, actor=board)
    with on(held - 2, 10):
        sign_minutes(meeting=rat, actor=board, chair_name=hendra.owner_name,
                     secretary_name=dwi.owner_name, signed_on=day(held - 2))
    # The daily job seats the elected on their first day (when that day has come).
    if term_start <= timezone.localdate():
        with on((timezone.localdate() - term_start).days, 1, 0):
            jobs.seat_officers(coop)

    # --- an extraordinary meeting on a by-law change, ten days from now -----------------
    with on(5, 15):
        ralb = meetings.create_meeting(
            cooperative=coop, actor=board, kind=Meeting.Kind.RALB,
            title="Rapat Anggota Luar Biasa: Perubahan Anggaran Dasar",
            starts_at=timezone.make_aware(dt.datetime.combine(day(-10), dt.time(13, 0))),
            place=PLACE, online=True)
        meetings.add_item(
            meeting=ralb, actor=board, kind=AgendaItem.Kind.BYLAWS,
            title="Perubahan Anggaran Dasar Pasal 21: RAT boleh dihadiri secara daring",
            description="Anggota yang hadir daring dihitung hadir untuk kuorum dan dapat "
                        "memberikan suara rahasia. Perlu disetujui dua pertiga suara sah.")
        meetings.add_item(meeting=ralb, actor=board, kind=AgendaItem.Kind.GENERAL,
                          title="Tanya jawab dan lain-lain")
        ralb = calling.call(meeting=ralb, actor=board)
    with on(2, 16):
        giver = others[-1]
        proxies.register_proxy(meeting=ralb, actor=staff, grantor_number=giver.number,
                               holder_number=wulan.number)
    return_line = (f"{Meeting.objects.count()} members' meetings, "
                   f"{Decision.objects.count()} decisions")
    return return_line
