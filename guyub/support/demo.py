"""Demo data for mutual support: member loans, the solidarity fund and the help board.

- loans: the by-law settings; the member login's working-capital loan, disbursed three
  months ago, every instalment due so far paid (one from her simpanan sukarela); a
  tailor's loan whose instalments stopped after the first (kurang lancar); a snack
  maker's application assessed by staff and waiting for the board;
- the solidarity fund: the RAT's SHU appropriation, a donor's gift and members'
  contributions (the member login's from her sukarela); a grant for a workshop fire,
  approved (lowered) and paid; a request for hospital costs waiting for the board;
- the help board: needs and offers with replies, one marked done; mentors by sector.

Called by guyub.core.demo.load_demo inside the demo cooperative's scope, after the
resources demo, through the services the pages use. Each past step runs on its own
day under the shared demo clock (guyub.core.demo_clock.on): applications, decisions
and posts carry the day they happened.
"""

from decimal import ROUND_CEILING, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from guyub.core.demo import MEMBER_LOGIN
from guyub.core.demo_clock import day, on
from guyub.members.models import Member, Sector
from guyub.members.simpanan import services as simpanan

from .helpboard import services as helpboard
from .helpboard.models import Post
from .loans import selectors as loan_reads
from .loans import services as loans
from .loans.models import Loan, PayMethod
from .solidarity import services as solidarity
from .solidarity.models import Contribution, Grant

D = Decimal
STAFF_LOGIN = "staf@demo.guyub.id"
Source, CMethod = Contribution.Source, Contribution.Method

# Help board posts: (author key, kind, category, sector, title, text, location,
# [(replier key, days after, text)], done)
POSTS = [
    ("wulan", Post.Kind.OFFER, Post.Category.TRAINING, Sector.COFFEE,
     "Kelas sangrai kopi untuk pemula, Sabtu pagi",
     "Saya buka kelas kecil (4 orang) cara menyangrai kopi dengan roaster koperasi: "
     "membaca first crack, mencatat profil sangrai, dan mengemas. Gratis untuk anggota, "
     "green bean bawa sendiri 1 kg.", "Rumah produksi koperasi",
     [("coffee", 1, "Saya ikut, Bu. Boleh bawa Robusta Temanggung?"),
      ("wulan", 1, "Boleh, Robusta malah bagus untuk latihan. Sampai Sabtu.")], False),
    ("snacks", Post.Kind.NEED, Post.Category.RIDE, Sector.SNACKS,
     "Tumpangan ke Pasar Beringharjo tiap Sabtu subuh",
     "Saya titip 3 krat keripik tempe ke pedagang di Beringharjo tiap Sabtu. Adakah "
     "anggota yang ke sana dengan mobil? Saya ganti bensin.", "Ngaglik, Sleman",
     [("food", 2, "Saya ke Beringharjo tiap Sabtu jam 4.30 lewat Jl. Kaliurang. Masih "
                  "muat 3 krat.")], False),
    ("fashion", Post.Kind.OFFER, Post.Category.MACHINE, Sector.FASHION,
     "Jam mesin obras dan jahit high speed",
     "Mesin obras 4 benang dan jahit high speed saya kosong tiap Senin–Rabu sore. Anggota "
     "boleh pakai, cukup ganti listrik Rp10.000 per jam.", "Godean, Sleman", [], False),
    ("batik", Post.Kind.NEED, Post.Category.SKILL, Sector.BATIK,
     "Butuh bantuan foto produk untuk toko daring",
     "Kain batik tulis saya kurang menarik di foto ponsel. Adakah yang bisa mengajari "
     "foto produk dengan cahaya alami?", "Bantul",
     [("fashion", 1, "Saya bisa bantu Kamis siang, bawa 5 kain dan kain latar putih."),
      ("batik", 3, "Terima kasih, fotonya sudah jauh lebih bagus. Sudah saya unggah.")],
     True),
    ("food", Post.Kind.OFFER, Post.Category.PACKAGING, Sector.FOOD,
     "Patungan standing pouch kraft 1.000 lembar",
     "Saya pesan standing pouch kraft 250 g dengan zipper; harga turun bila pesan 1.000 "
     "lembar. Yang mau ikut patungan tulis jumlahnya di sini.", "",
     [("snacks", 1, "Saya ikut 200 lembar."), ("wulan", 2, "Saya 150 lembar, yang "
                                                           "berkatup kalau ada.")], False),
]
MENTORS = [
    ("wulan", [Sector.COFFEE],
     "Sangrai kopi dan profil sangrai, kemasan berkatup, menjual ke hotel dan kafe.", True),
    ("batik", [Sector.BATIK, Sector.FASHION],
     "Pewarnaan alam, menghitung harga pokok kain, menitip ke butik dan galeri.", True),
    ("snacks", [Sector.SNACKS, Sector.FOOD],
     "Mengurus P-IRT dan sertifikat halal, label gizi, umur simpan keripik.", False),
]


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _member(sector, skip=()) -> Member | None:
    return (Member.objects.filter(status=Member.Status.ACTIVE, sector=sector,
                                  user__isnull=True)
            .exclude(pk__in=[m.pk for m in skip if m]).order_by("number").first())


def _room(member, amount, limits, staff, days_ago) -> None:
    """Members borrow against their simpanan: one short of the ceiling saves up first."""
    short = amount - loan_reads.ceiling(member, limits).available
    if short > 0:
        deposit = (short / limits.ceiling_multiple / 50000).to_integral_value(
            rounding=ROUND_CEILING) * 50000
        with on(days_ago, 10):
            simpanan.deposit_sukarela(member=member, actor=staff, date=day(days_ago),
                                      amount=deposit, method="cash",
                                      note="Setoran sebelum mengajukan pinjaman")


def _loan(member, *, entered_by, staff, board, days_ago, amount, months, purpose,
          assessment, limits) -> Loan:
    """Applied `days_ago` days ago, assessed by staff the next day, approved by the
    board the day after and paid out by bank two days later (if that is past)."""
    _room(member, amount, limits, staff, days_ago + 5)
    with on(days_ago, 10):
        loan = loans.apply(member=member, actor=entered_by, amount=amount,
                           term_months=months, purpose=purpose)
    with on(days_ago - 1, 14):
        loans.assess(loan=loan, actor=staff, note=assessment)
    if days_ago < 4:
        return loan
    with on(days_ago - 2, 11):
        loans.decide(loan=loan, actor=board, approve=True)
    with on(days_ago - 4, 10):
        loans.disburse(loan=loan, actor=staff, date=day(days_ago - 4), via=PayMethod.BANK)
    loan.refresh_from_db()
    return loan


def _pay(loan, staff, *, count, methods) -> None:
    """Pay the first `count` instalments on their due days."""
    today = timezone.localdate()
    for instalment, via in zip(loan_reads.unpaid(loan)[:count], methods, strict=False):
        with on((today - instalment.due).days, 11):
            loans.repay(instalment=instalment, actor=staff, date=instalment.due, via=via)


def _loans(coop, board, staff, people) -> list[Loan]:
    with on(200, 10):
        limits = loans.save_settings(cooperative=coop, actor=board, ceiling_multiple=3,
                                     max_term_months=24, monthly_rate_pct=D("1.00"),
                                     default_method="declining", grace_days=7)
    wulan = people["wulan"]
    running = _loan(wulan, entered_by=wulan.user or staff, staff=staff, board=board,
                    days_ago=100, amount=D(4000000), months=12, limits=limits,
                    purpose="Modal pembelian green bean Arabika dan kemasan berkatup untuk "
                            "kontrak hotel",
                    assessment="Usaha sangrai berjalan sejak 2021, omzet stabil, kontrak "
                               "hotel berjalan; simpanan cukup. Layak.")
    today = timezone.localdate()
    due = loan_reads.unpaid(running).filter(due__lte=today).count()
    _pay(running, staff, count=due,
         methods=[PayMethod.CASH, PayMethod.SUKARELA] + [PayMethod.BANK] * due)
    late = _loan(people["fashion"], entered_by=staff, staff=staff, board=board, days_ago=130,
                 amount=D(2500000), months=10, limits=limits,
                 purpose="Mesin jahit obras untuk pesanan seragam sekolah",
                 assessment="Pesanan seragam dari dua sekolah; cicilan sanggup dari "
                            "keuntungan bulanan.")
    _pay(late, staff, count=1, methods=[PayMethod.CASH])
    waiting = _loan(people["snacks"], entered_by=staff, staff=staff, board=board, days_ago=3,
                    amount=D(3000000), months=12, limits=limits,
                    purpose="Oven gas dua rak untuk produksi bakpia menjelang akhir tahun",
                    assessment="Pesanan akhir tahun naik; perlu survei tempat usaha sebelum "
                               "diputuskan. Simpanan mencukupi plafon.")
    return [running, late, waiting]


def _fund(coop, board, staff, people) -> list[Grant]:
    contributions = [
        (150, dict(source=Source.COOPERATIVE, method=CMethod.SHU, amount=D(5000000),
                   note="Penyisihan SHU 2025 untuk dana sosial, keputusan RAT")),
        (90, dict(source=Source.DONOR, method=CMethod.BANK, amount=D(2500000),
                  donor_name="Paguyuban Alumni SMK Negeri 2 Depok",
                  note="Donasi untuk anggota yang tertimpa musibah")),
        (60, dict(source=Source.MEMBER, method=CMethod.CASH, amount=D(100000),
                  member=people["batik"], note="Iuran kepedulian")),
        (45, dict(source=Source.MEMBER, method=CMethod.SUKARELA, amount=D(150000),
                  member=people["wulan"], note="Dari simpanan sukarela")),
        (40, dict(source=Source.MEMBER, method=CMethod.CASH, amount=D(50000),
                  member=people["food"], note="Iuran kepedulian")),
    ]
    for days_ago, fields in contributions:
        with on(days_ago, 13):
            solidarity.record_contribution(cooperative=coop, actor=staff,
                                           date=day(days_ago), **fields)
    with on(30, 9):
        fire = solidarity.request_grant(
            member=people["crafts"], actor=staff, category=Grant.Category.FIRE,
            amount=D(3000000),
            reason="Api dari tungku pengering merembet ke gudang anyaman bambu pada malam "
                   "hari; bahan baku dan 120 keranjang siap kirim terbakar. Tidak ada "
                   "korban jiwa.")
    with on(28, 15):
        solidarity.decide_grant(grant=fire, actor=board, approve=True, amount=D(2500000),
                                note="Disetujui sesuai pedoman dana sosial: paling banyak "
                                     "Rp2.500.000 untuk kebakaran tempat usaha.")
    with on(27, 10):
        solidarity.pay_grant(grant=fire, actor=staff, method=Grant.Method.BANK, date=day(27))
    with on(2, 16):
        waiting = solidarity.request_grant(
            member=people["food"], actor=staff, category=Grant.Category.ILLNESS,
            amount=D(1500000),
            reason="Dirawat inap lima hari di RSUD Sleman karena demam berdarah; sebagian "
                   "biaya tidak ditanggung BPJS dan usaha tutup selama dirawat.")
    return [fire, waiting]


def _board(people, staff) -> list[Post]:
    posts = []
    for n, (author, kind, category, sector, title, text, location, replies, done) in \
            enumerate(POSTS):
        posted = 20 - 3 * n
        writer = people[author]
        with on(posted, 8 + n):
            post = helpboard.create_post(author=writer, actor=writer.user or staff, kind=kind,
                                         category=category, sector=sector, title=title,
                                         text=text, location=location)
        for replier, after, answer in replies:
            who = people[replier]
            with on(posted - after, 19):
                helpboard.reply(post=post, author=who, actor=who.user or staff, text=answer)
        if done:
            with on(posted - replies[-1][1], 20):
                helpboard.mark_done(post=post, author=writer, actor=writer.user or staff)
        posts.append(post)
    with on(50, 10):
        for key, sectors, teaches, phone in MENTORS:
            helpboard.set_mentor(member=people[key], actor=people[key].user or staff,
                                 sectors=sectors, teaches=teaches, share_phone=phone)
    return posts


def load_support_demo(coop, board) -> str:
    """The support demo (in the cooperative's scope). Needs the members demo's member
    login and members of the coffee, snack, food, fashion, batik and crafts sectors."""
    staff = _user(STAFF_LOGIN) or board
    wulan = Member.objects.get(user__username=MEMBER_LOGIN)
    people = {"wulan": wulan}
    for key, sector in (("coffee", Sector.COFFEE), ("snacks", Sector.SNACKS),
                        ("food", Sector.FOOD), ("fashion", Sector.FASHION),
                        ("batik", Sector.BATIK), ("crafts", Sector.CRAFTS)):
        people[key] = _member(sector, skip=[wulan]) or wulan
    made = _loans(coop, board, staff, people)
    _fund(coop, board, staff, people)
    _board(people, staff)
    return f"{len(made)} member loans, the solidarity fund and the help board"
