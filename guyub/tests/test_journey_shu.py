"""Journey (issue 16): the board simulates the SHU in the browser (a 105 % split refused
with its sum, a weight changed and the members' amounts following), saves and proposes
the plan, the RAT approves it, the board posts it, and a member reads their SHU with the
numbers behind it, downloads their statement and puts the SHU into simpanan sukarela.
Afterwards the books say the same: the posting and the payment each balance, the
member's sukarela grew by exactly their share."""

import re
from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.core.roles import Role
from guyub.finance.shu.models import ShuPlan, ShuShare
from guyub.ledger.models import JournalLine
from guyub.ledger.selectors import member_balance
from guyub.testing import finance_plans as books
from guyub.testing.browser import signed_in as browser_signed_in
from guyub.testing.factories import CooperativeFactory, CoopRoleFactory, MemberFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
YEAR = books.YEAR


def signed_in(browser, base, username):
    page = browser_signed_in(browser, base, username, PASSWORD, home=r"/k/tani/")
    page.on("dialog", lambda dialog: dialog.accept())  # the forms' data-confirm
    return page


@pytest.fixture
def world(db):
    coop = CooperativeFactory(name="Koperasi Tani Lestari", slug="tani")
    board = UserFactory(username="ketua@tani.id", first_name="Agus")
    CoopRoleFactory(user=board, cooperative=coop, role=Role.BOARD)
    members = []
    for number, (name, login) in enumerate((("Ani Lestari", "ani@tani.id"),
                                            ("Budi Santoso", None)), start=1):
        user = None
        if login:
            user = UserFactory(username=login, first_name=name.split()[0])
            CoopRoleFactory(user=user, cooperative=coop, role=Role.MEMBER)
        members.append(MemberFactory(cooperative=coop, user=user, owner_name=name,
                                     number=number))
    ani, budi = members
    # Capital (simpanan wajib) and business (loan interest paid), then a year's trade.
    books.capital_and_interest(coop, ani, capital=3_000_000, interest=600_000)
    books.capital_and_interest(coop, budi, capital=1_000_000, interest=1_800_000)
    books.book_year(coop, members_income=40_000_000, non_members_income=10_000_000,
                    expenses=30_000_000)
    books.close_year(coop, board)
    return coop, board, ani, budi


def _row(page, name) -> str:
    return page.locator("#member-shares tbody tr", has_text=name).inner_text()


def _press(page, name):
    """Click a button and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def _simulate(page):
    _press(page, "Hitung")


def test_the_board_simulates_the_rat_approves_and_a_member_takes_it_into_sukarela(
        live_server, browser, world):
    coop, board, ani, budi = world
    base = live_server.url
    page = signed_in(browser, base, "ketua@tani.id")

    # 1. The simulation: a 105 % split is refused with its sum, the values kept.
    page.goto(f"{base}/k/tani/keuangan/shu/{YEAR}/simulasi/")
    reserve = page.locator("#id_shu_reserve_pct")
    usual = reserve.input_value()
    reserve.fill(str(Decimal(usual) + 5))
    _simulate(page)
    assert "105" in page.locator("main").inner_text()
    assert page.locator("#id_shu_reserve_pct").input_value().startswith(
        str(int(Decimal(usual) + 5)))
    page.locator("#id_shu_reserve_pct").fill(usual)
    _simulate(page)
    before = _row(page, "Ani Lestari")
    # Loan interest no longer counting as business: Ani's jasa usaha changes (she paid
    # less interest than Budi, so her share of the patronage refund was the smaller).
    page.locator("#id_weight_loan_interest").fill("0")
    _simulate(page)
    assert _row(page, "Ani Lestari") != before
    page.locator("#id_weight_loan_interest").fill("1")
    _simulate(page)
    assert _row(page, "Ani Lestari") == before

    # 2. Saved as a plan, proposed to the RAT.
    page.get_by_role("button", name="Simpan sebagai rencana").click()
    page.wait_for_url(re.compile(r"/keuangan/shu/rencana/\d+/"))
    plan_url = page.url
    _press(page, "Ajukan ke RAT")
    assert "Diajukan ke RAT" in page.locator("main").inner_text()
    # Posting before the RAT's decision is refused, with the reason.
    _press(page, "Bukukan SHU")
    assert "RAT belum menyetujui" in page.locator("main").inner_text()

    # 3. The RAT approves the SHU of that year (its decision record), then the board posts.
    books.rat_decision(coop, board, [ani, budi])
    page.goto(plan_url)
    _press(page, "Bukukan SHU")
    assert "SHU dibukukan" in page.locator("main").inner_text()
    with scope(cooperative=coop):
        plan = ShuPlan.objects.get(status=ShuPlan.Status.POSTED)
        share = ShuShare.objects.get(plan=plan, member=ani)
        sukarela_before = member_balance(member=ani, role="simpanan_sukarela")
    assert share.amount > 0 and share.payout == ShuShare.Payout.UNPAID

    # 4. The member reads their SHU and the numbers behind it, and downloads the statement.
    member = signed_in(browser, base, "ani@tani.id")
    member.goto(f"{base}/k/tani/keuangan/shu-saya/?tahun={YEAR}")
    text = member.locator("main").inner_text()
    amount = f"Rp{share.amount:,.0f}".replace(",", ".")
    assert amount in member.locator("#shu-amount").inner_text()
    assert "Rp3.000.000" in text and "Rp600.000" in text  # her capital and business
    assert "Budi" not in text
    pdf = member.request.get(f"{base}/k/tani/keuangan/shu-saya/{YEAR}/pdf/")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    # 5. … and puts it into simpanan sukarela.
    member.get_by_role("link", name="Masukkan ke simpanan sukarela").or_(
        member.get_by_role("button", name="Masukkan ke simpanan sukarela")).first.click()
    with member.expect_navigation():
        member.locator("#confirm-take").click()
    assert "simpanan sukarela" in member.locator("main").inner_text()

    with scope(cooperative=coop):
        share.refresh_from_db()
        assert share.payout == ShuShare.Payout.SUKARELA and share.paid_entry_id
        grew = member_balance(member=ani, role="simpanan_sukarela") - sukarela_before
        assert grew == share.amount
        for entry_id in (plan.entry_id, share.paid_entry_id):
            lines = JournalLine.objects.filter(entry_id=entry_id)
            debit = sum(line.debit for line in lines)
            assert debit == sum(line.credit for line in lines) and debit > 0
        # Nothing of hers is left owed: the SHU payable is settled.
        assert member_balance(member=ani, role="shu_payable") == 0
