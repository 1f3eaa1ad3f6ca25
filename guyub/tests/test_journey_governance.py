"""Browser journey in headless Chromium: a members' meeting (RAT) from the notice to the
signed minutes.

1. The board sets the by-laws (quorum more than half, proxies allowed), drafts the RAT
   with its agenda (the accounts, a motion, an election) and a PDF, and calls it; a
   member reads the notice in her inbox.
2. On the day the board opens it. Just enough members to make the quorum come: two at
   the door (staff type their numbers), one by proxy (registered before the opening,
   its holder in the room) and one online from her own phone; the quorum meter on the
   staff's door page turns green by itself (htmx polling).
3. A motion passes: members vote from their rooms (receipt codes shown), one at the
   staff's tablet; while the vote is open its results page says only how many voted;
   once the chair closes it the count appears, passed.
4. An election fills two seats.
5. The meeting is closed, the minutes signed; the PDF lists the motion, the elected and
   the signatures."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.core.roles import Role
from guyub.governance.ballots.models import Ballot, Participation, Vote
from guyub.governance.elections.models import OfficerTerm
from guyub.governance.meetings.models import Meeting
from guyub.testing.browser import click_menu
from guyub.testing.browser import signed_in as browser_signed_in
from guyub.testing.factories import CooperativeFactory, CoopRoleFactory, MemberFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Looked at by hand when the pages change; not compared in the test.
SHOTS = Path(__file__).resolve().parents[2] / "var" / "shots"


def signed_in(browser, base, username, **viewport):
    page = browser_signed_in(browser, base, username, PASSWORD, home=r"/k/kopi/", **viewport)
    page.on("dialog", lambda dialog: dialog.accept())  # the forms' data-confirm
    return page


def shot(page, name):
    """The page at 1280 px, then at 360 px (a phone: nothing wider than the screen),
    then back."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"journey15-{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    page.screenshot(path=str(SHOTS / f"journey15-{name}-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def member(coop, number, name, login=None):
    user = None
    if login:
        user = UserFactory(username=login, first_name=name.split()[0])
        CoopRoleFactory(user=user, cooperative=coop, role=Role.MEMBER)
    return MemberFactory(cooperative=coop, user=user, owner_name=name, number=number)


@pytest.fixture
def coop(db):
    coop = CooperativeFactory(name="Koperasi Kopi Merapi", slug="kopi")
    board = UserFactory(username="ketua@kopi.id", first_name="Agus")
    CoopRoleFactory(user=board, cooperative=coop, role=Role.BOARD)
    staff = UserFactory(username="staf@kopi.id", first_name="Dewi")
    CoopRoleFactory(user=staff, cooperative=coop, role=Role.STAFF)
    return coop


def ballot(page, vote_pk, *, own, choices):
    """Fill and send one ballot in the member's room: their own or a held proxy's."""
    label = "Suara Anda" if own else "Suara kuasa dari"
    form = page.locator(f"#open-vote-{vote_pk} form.ballot").filter(has_text=label)
    for choice in choices:
        form.get_by_label(choice, exact=True).check()
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#receipt")
    code = page.inner_text("#receipt .receipt-code").strip()
    assert len(code) >= 8, code
    page.click("text=Kembali ke ruang rapat")
    page.wait_for_selector("#room")
    return code


def test_a_rat_reaches_quorum_passes_a_motion_elects_two_and_signs_its_minutes(
        live_server, browser, coop, rendered, tmp_path):
    base, kopi = live_server.url, f"{live_server.url}/k/kopi"
    # Seven voters: Sri and Budi come to the door, Siti joins online, Rina gives Sri her
    # proxy; three stay home. More than half of seven is four.
    sri = member(coop, 101, "Sri Wahyuni", "sri@kopi.id")
    budi = member(coop, 102, "Budi Santoso", "budi@kopi.id")
    siti = member(coop, 103, "Siti Aminah", "siti@kopi.id")
    rina = member(coop, 104, "Rina Marlina", "rina@kopi.id")
    for number, name in ((105, "Joko Susilo"), (106, "Made Arya"), (107, "Nur Hidayah")):
        member(coop, number, name)

    # 1. The by-laws: notice one day ahead, quorum more than half, proxies allowed.
    board = signed_in(browser, base, "ketua@kopi.id")
    click_menu(board, "Rapat anggota")
    board.click("main >> text=Aturan rapat")
    board.fill("#id_notice_days", "1")
    board.select_option("#id_quorum_rule", "more_than")
    board.check("#id_proxies_allowed")
    board.click("main form.card button[type=submit]")
    board.wait_for_selector("text=Aturan rapat anggota disimpan")

    # The RAT, tomorrow morning, with its agenda and the accounts as a PDF.
    click_menu(board, "Rapat anggota")
    board.click("main >> text=Rapat baru")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    board.select_option("#id_kind", "rat")
    board.fill("#id_title", "RAT Tahun Buku 2025")
    board.fill("#id_fiscal_year", "2025")
    board.fill("#id_date", tomorrow.isoformat())
    board.fill("#id_time", "09:00")
    board.fill("#id_place", "Balai Desa Sukamaju")
    board.click("main form.card button[type=submit]")
    board.wait_for_selector("text=Draf rapat dibuat.")
    with scopes_disabled():
        meeting = Meeting.objects.get(cooperative=coop)
    for kind, title in (("accounts", "Laporan pertanggungjawaban pengurus 2025"),
                        ("general", "Usul pembangunan gudang kopi"),
                        ("election", "Pemilihan pengurus")):
        board.click("#agenda >> text=Tambah acara")
        board.select_option("#id_kind", kind)
        board.fill("#id_title", title)
        board.click("main form.card button[type=submit]")
        board.wait_for_selector(f"#agenda >> text={title}")
    board.click("#agenda >> text=Unggah dokumen")
    board.fill("#id_title", "Laporan keuangan 2025")
    accounts = tmp_path / "laporan-keuangan-2025.pdf"
    accounts.write_bytes(PDF)
    board.set_input_files("#id_file", str(accounts))
    board.select_option("#id_item", label="1. Laporan pertanggungjawaban pengurus 2025")
    board.click("main form.card button[type=submit]")
    board.wait_for_selector("#agenda >> text=Laporan keuangan 2025")
    shot(board, "meeting")

    # The board calls it from the meeting's page: the register is frozen, every voter
    # told; the attendance page shows the quorum the meeting will need.
    board.click("#meeting-actions >> text=Kirim undangan")
    board.wait_for_selector("text=Undangan terkirim; daftar pemilih dibekukan.")
    assert board.inner_text("#quorum-register").strip() == "7"
    assert board.inner_text("#quorum-needed").strip() == "4"

    # Siti reads the notice in her inbox and opens the meeting from it.
    siti_page = signed_in(browser, base, "siti@kopi.id")
    siti_page.click("a.bell")
    siti_page.wait_for_url(re.compile(r"/notifikasi/"))
    inbox = siti_page.inner_text("ul.notices")
    assert "Undangan rapat anggota" in inbox and "RAT Tahun Buku 2025" in inbox
    assert "Usul pembangunan gudang kopi" in inbox
    siti_page.click("ul.notices >> text=RAT Tahun Buku 2025")
    siti_page.wait_for_selector("#agenda")
    assert "Laporan keuangan 2025" in siti_page.inner_text("#documents")
    shot(siti_page, "my-meeting")

    # Rina cannot come: her proxy goes to Sri, registered by staff before the opening.
    staff = signed_in(browser, base, "staf@kopi.id")
    staff.goto(f"{kopi}/rapat/{meeting.pk}/kuasa/")
    staff.fill("#id_grantor", "104")
    staff.fill("#id_holder", "101")
    staff.click("#proxy-form button[type=submit]")
    staff.wait_for_selector("text=Kuasa dicatat; penerima kuasa diberi tahu.")

    # 2. The meeting's day. The notice had to go out a day ahead, and a test cannot wait
    # for tomorrow: the meeting is moved to start now, as if the day had come.
    with scopes_disabled():
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now())
    board.click("nav.subnav >> text=Acara")
    board.click("#meeting-actions >> text=Buka rapat")
    board.wait_for_selector("text=Rapat dibuka.")

    # The door: staff type the member numbers of those who come in.
    staff.goto(f"{kopi}/rapat/{meeting.pk}/pintu/")
    # Headless Chromium has no camera scanner: the scan button stays hidden.
    assert not staff.is_visible("#scan-camera")
    for number, name in (("101", "Sri Wahyuni"), ("102", "Budi Santoso")):
        staff.fill("#id_code", number)
        staff.click("#door-form button[name=in]")
        staff.wait_for_selector(f"#door-outcome >> text={name} (no. {number}) hadir")
        assert f"{number} {name}" in staff.inner_text("#door-log")
    # Sri and Budi in the room, Rina represented by Sri: three of the four needed.
    assert staff.inner_text("#quorum-present").startswith("2")
    assert staff.inner_text("#quorum-represented").strip() == "1"
    assert "Kurang 1 orang" in staff.inner_text("#quorum-verdict")
    assert "tier" in staff.get_attribute("#quorum-meter .bar", "class")
    shot(staff, "door")

    # Siti joins online from her phone; her page beats.
    siti_page.set_viewport_size({"width": 360, "height": 780})
    siti_page.goto(f"{kopi}/saya/rapat/{meeting.pk}/")
    siti_page.click("#live >> text=Hadir daring")
    # She lands in the meeting's room, which tells the server she is still there.
    siti_page.wait_for_selector("#room[data-heartbeat-state=ok]")
    assert "Belum ada pemungutan suara yang dibuka." in siti_page.inner_text("#room")
    # The staff page was not reloaded: its meter polls and turns green.
    staff.wait_for_selector("#quorum-verdict >> text=Kuorum tercapai", timeout=15000)
    assert "tier" not in staff.get_attribute("#quorum-meter .bar", "class")
    assert staff.inner_text("#quorum-present").startswith("3")
    staff.locator("#quorum-meter").scroll_into_view_if_needed()
    shot(staff, "quorum-meter")

    # 3. The motion on the warehouse: the board prepares and the chair opens the vote.
    board.click("nav.subnav >> text=Suara")
    board.click("#vote-items >> text=Usul pembangunan gudang kopi")
    board.fill("#id_question", "Setuju membangun gudang kopi tahun 2026?")
    board.click("#vote-new button[type=submit]")
    board.wait_for_selector("text=Pemungutan suara disiapkan.")
    board.click("text=Buka pemungutan suara")
    board.wait_for_selector("text=Pemungutan suara dibuka.")
    with scopes_disabled():
        motion = Vote.objects.get(meeting=meeting, kind=Vote.Kind.MOTION)

    # Sri votes in her room, for herself and for Rina; Siti from her phone.
    sri_page = signed_in(browser, base, "sri@kopi.id")
    sri_page.click("#portal-meetings >> text=Masuk ruang rapat")
    sri_page.wait_for_selector(f"#open-vote-{motion.pk}")
    codes = [ballot(sri_page, motion.pk, own=True, choices=["Setuju"]),
             ballot(sri_page, motion.pk, own=False, choices=["Setuju"])]
    # Siti's room, left open since she joined, shows the vote by itself (it polls).
    siti_page.wait_for_selector(f"#open-vote-{motion.pk}", timeout=15000)
    shot(siti_page, "room")
    codes.append(ballot(siti_page, motion.pk, own=True, choices=["Setuju"]))
    assert len(set(codes)) == 3

    # Budi votes at the staff's tablet.
    staff.goto(f"{kopi}/rapat/suara/{motion.pk}/")
    staff.click("text=Tablet di ruang rapat")
    staff.fill("#id_number", "102")
    staff.click("#tablet-pick button[type=submit]")
    staff.wait_for_selector("#tablet-ballot")
    staff.get_by_label("Tidak setuju", exact=True).check()
    staff.click("#tablet-ballot button[type=submit]")
    staff.wait_for_selector("#receipt")
    staff.click("text=Selesai, kembalikan ke petugas")

    # While the vote is open its results page says only how many voted.
    staff.goto(f"{kopi}/rapat/suara/{motion.pk}/hasil/")
    assert "Hasil disembunyikan" in staff.inner_text("#results-hidden")
    assert "4 anggota sudah memilih" in staff.inner_text("#voted")
    assert staff.locator("#counts").count() == 0
    assert staff.is_visible("nav.subnav >> text=Suara")  # the way back to the votes
    shot(staff, "results-hidden")

    board.reload()
    board.click("text=Tutup dan hitung suara")
    board.wait_for_selector("text=Pemungutan suara ditutup.")
    board.goto(f"{kopi}/rapat/suara/{motion.pk}/hasil/")
    assert "Diterima" in board.inner_text("#result")
    counts = board.inner_text("#counts")
    assert re.search(r"Setuju\s+3", counts) and re.search(r"Tidak setuju\s+1", counts)
    assert board.locator("#tally tbody tr").count() == 4
    shot(board, "results")

    # 4. The election: two seats on the board, three candidates from the register.
    board.goto(f"{kopi}/rapat/{meeting.pk}/suara/")
    with scopes_disabled():
        election_item = meeting.items.get(kind="election")
    board.goto(f"{kopi}/rapat/{meeting.pk}/acara/{election_item.pk}/pemilihan/")
    board.select_option("#id_office", "board")
    board.fill("#id_seats", "2")
    board.fill("#id_term_start", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    board.fill("#id_term_end", (timezone.localdate() + dt.timedelta(days=30 + 3 * 365))
               .isoformat())
    for row, (number, statement) in enumerate((("101", "Gudang dan pemasaran bersama."),
                                               ("102", "Pembukuan yang terbuka."),
                                               ("103", "Pelatihan anggota muda."))):
        board.fill(f"#id_c-{row}-number", number)
        board.fill(f"#id_c-{row}-statement", statement)
    board.click("main form.card button[type=submit]")
    board.wait_for_selector("text=Pemilihan disiapkan.")
    with scopes_disabled():
        election_vote = Vote.objects.get(meeting=meeting, kind=Vote.Kind.ELECTION)
    board.goto(f"{kopi}/rapat/suara/{election_vote.pk}/")
    board.click("text=Buka pemungutan suara")
    board.wait_for_selector("text=Pemungutan suara dibuka.")

    sri_page.reload()
    sri_page.wait_for_selector(f"#open-vote-{election_vote.pk}")
    ballot(sri_page, election_vote.pk, own=True, choices=["Sri Wahyuni", "Budi Santoso"])
    ballot(sri_page, election_vote.pk, own=False, choices=["Sri Wahyuni", "Siti Aminah"])
    siti_page.reload()
    siti_page.wait_for_selector(f"#open-vote-{election_vote.pk}")
    ballot(siti_page, election_vote.pk, own=True, choices=["Sri Wahyuni", "Siti Aminah"])

    board.goto(f"{kopi}/pemilihan/{election_vote.pk}/")
    board.click("text=Tutup pemilihan dan tetapkan yang terpilih")
    board.wait_for_selector("#elected")
    elected = board.inner_text("#elected")
    assert "Sri Wahyuni" in elected and "Siti Aminah" in elected and "Budi" not in elected
    with scopes_disabled():
        terms = OfficerTerm.objects.filter(election__vote=election_vote,
                                           status=OfficerTerm.Status.ELECTED)
        assert {t.member_id for t in terms} == {sri.pk, siti.pk}
    shot(board, "election")

    # 5. The chair closes the meeting; the minutes are signed and downloaded.
    board.click("nav.subnav >> text=Penutupan")
    board.click("main form.card >> text=Tutup rapat")
    board.wait_for_selector("text=Rapat ditutup. Notulen siap ditandatangani.")
    board.fill("#id_chair_name", "Agus Prasetyo")
    board.fill("#id_secretary_name", "Dewi Lestari")
    board.fill("#id_signed_on", timezone.localdate().isoformat())
    board.click("main form.card button[type=submit]")
    board.wait_for_selector("text=Notulen ditandatangani.")
    shot(board, "minutes-signed")
    # The link opens the PDF in the browser's viewer; fetched with the board's cookies.
    href = board.get_attribute("main >> text=Unduh notulen (PDF)", "href")
    pdf = board.context.request.get(f"{base}{href}")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    minutes = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", rendered[-1]))
    for text in ("Setuju membangun gudang kopi tahun 2026?", "Diterima", "Sri Wahyuni",
                 "Siti Aminah", "Agus Prasetyo", "Dewi Lestari"):
        assert text in minutes, text

    with scopes_disabled():
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.CLOSED
        # One participation and one filled ballot per voter; nothing joins them.
        via = dict(Participation.objects.filter(vote=motion)
                   .values_list("entry__member", "via"))
        assert via == {sri.pk: "online", rina.pk: "online", siti.pk: "online",
                       budi.pk: "tablet"}
        assert Ballot.objects.filter(vote=motion, filled=True).count() == 4
