"""The member's SHU page, taking it into sukarela and the statement PDF: a member sees
and takes only their own share, the numbers that make it up, and the formula."""

import pytest
from django.test import Client
from django_scopes import scope

from guyub.finance.shu.models import ShuPlan, ShuShare
from guyub.ledger.selectors import member_balance
from guyub.members.models import Member
from guyub.members.simpanan.models import SimpananTransaction
from guyub.testing.finance_members import YEAR, member_login, posted_plan, share_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def ani(coop):
    return member_login(coop, "Ani Lestari")


@pytest.fixture
def budi(coop):
    return member_login(coop, "Budi Santoso")


@pytest.fixture
def plan(coop, ani, budi):
    # 20 % jasa modal = 2.000.000 over capital 5.000.000; 25 % jasa usaha = 2.500.000
    # over weighted business 10.000.000 (the textbook proportions, exact in rupiah).
    return posted_plan(coop, {
        ani: {"capital": 3_000_000, "sales": 4_000_000, "purchases": 2_000_000,
              "business": 6_000_000, "jasa_modal": 1_200_000, "jasa_usaha": 1_500_000},
        budi: {"capital": 2_000_000, "sales": 4_000_000, "business": 4_000_000,
               "jasa_modal": 800_000, "jasa_usaha": 1_000_000}}, member_surplus=10_000_000)


def login(member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def page(client, coop, query=""):
    return client.get(f"/k/{coop.slug}/keuangan/shu-saya/{query}")


def test_a_member_sees_their_posted_shu_and_how_it_is_made(coop, ani, plan):
    response = page(login(ani), coop)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Disahkan RAT" in text
    for figure in ("Rp2.700.000", "Rp3.000.000", "Rp5.000.000", "Rp2.000.000",
                   "Rp6.000.000", "Rp10.000.000", "Rp2.500.000", "Rp1.200.000",
                   "Rp1.500.000"):
        assert figure in text, figure
    assert "Masukkan ke simpanan sukarela" in text


def test_a_member_does_not_see_another_members_share(coop, ani, budi, plan):
    text = page(login(budi), coop).content.decode()

    assert "Rp1.800.000" in text  # Budi's own: 800.000 + 1.000.000
    assert "Rp2.700.000" not in text and "Rp1.200.000" not in text
    assert ani.owner_name not in text


def test_taking_it_into_sukarela_asks_first_then_pays_once(coop, ani, plan):
    client = login(ani)
    url = f"/k/{coop.slug}/keuangan/shu-saya/{YEAR}/ke-sukarela/"

    confirm = client.get(url)
    assert confirm.status_code == 200 and "Rp2.700.000" in confirm.content.decode()
    with scope(cooperative=coop):
        assert share_of(plan, ani).payout == ""

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/k/{coop.slug}/keuangan/shu-saya/?tahun={YEAR}"
    again = client.post(url, follow=True)
    assert "sudah dibayarkan" in again.content.decode()
    with scope(cooperative=coop):
        assert share_of(plan, ani).payout == "sukarela"
        assert member_balance(member=ani, role="simpanan_sukarela") == 2_700_000
        assert SimpananTransaction.objects.filter(member=ani).count() == 1


def test_a_member_without_a_share_that_year_cannot_take_anyones(coop, ani, plan):
    carla = member_login(coop, "Carla Wulandari")
    client = login(carla)

    assert client.get(f"/k/{coop.slug}/keuangan/shu-saya/{YEAR}/ke-sukarela/").status_code == 404
    assert client.post(f"/k/{coop.slug}/keuangan/shu-saya/{YEAR}/ke-sukarela/").status_code == 404
    assert client.get(f"/k/{coop.slug}/keuangan/shu-saya/{YEAR}/pdf/").status_code == 404
    with scope(cooperative=coop):
        assert not ShuShare.objects.exclude(payout="").exists()


def test_an_officer_cannot_take_a_members_share_into_sukarela(coop, board_client, ani, plan):
    response = board_client.post(f"/k/{coop.slug}/keuangan/shu-saya/{YEAR}/ke-sukarela/")

    assert response.status_code == 403
    with scope(cooperative=coop):
        assert share_of(plan, ani).payout == ""


def test_an_exited_member_is_told_to_come_for_cash(coop, ani, plan):
    with scope(cooperative=coop):
        Member.objects.filter(pk=ani.pk).update(status=Member.Status.EXITED)
    client = login(ani)

    text = page(client, coop).content.decode()
    assert "Masukkan ke simpanan sukarela" not in text
    assert "tunai" in text
    response = client.post(f"/k/{coop.slug}/keuangan/shu-saya/{YEAR}/ke-sukarela/", follow=True)
    assert "tidak aktif" in response.content.decode()
    with scope(cooperative=coop):
        assert share_of(plan, ani).payout == ""


def test_a_proposed_plan_shows_the_proposal_and_cannot_be_taken(coop, ani, plan):
    with scope(cooperative=coop):
        ShuPlan.objects.filter(pk=plan.pk).update(status=ShuPlan.Status.PROPOSED)
    client = login(ani)

    text = page(client, coop).content.decode()
    assert "Diajukan ke RAT" in text and "Rp2.700.000" in text
    assert "Masukkan ke simpanan sukarela" not in text
    assert client.get(f"/k/{coop.slug}/keuangan/shu-saya/{YEAR}/ke-sukarela/").status_code == 404
    assert client.get(f"/k/{coop.slug}/keuangan/shu-saya/{YEAR}/pdf/").status_code == 404


@pytest.mark.parametrize("query", ["?tahun=abc", "?tahun=1999", "?tahun=99999999999999999",
                                   "?tahun=-2025", "?tahun=2025.5"])
def test_a_bad_year_shows_the_default_year_with_a_message(coop, ani, plan, query):
    response = page(login(ani), coop, query)

    assert response.status_code == 200
    text = response.content.decode()
    assert "Tahun buku tidak dikenal" in text and "Rp2.700.000" in text


def test_the_statement_pdf_states_the_amount_and_the_formula(coop, ani, plan, rendered):
    response = login(ani).get(f"/k/{coop.slug}/keuangan/shu-saya/{YEAR}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    html = rendered[-1]
    assert ani.owner_name in html
    assert "Rp3.000.000 ÷ Rp5.000.000 × Rp2.000.000" in html
    assert "Rp6.000.000 ÷ Rp10.000.000 × Rp2.500.000" in html
    assert "Rp2.700.000" in html
    assert "Saldo akhir tahun".lower() in html.lower()
    assert "Belum diambil" in html


def test_the_statement_says_how_it_was_paid(coop, ani, plan, rendered):
    client = login(ani)
    client.post(f"/k/{coop.slug}/keuangan/shu-saya/{YEAR}/ke-sukarela/")

    client.get(f"/k/{coop.slug}/keuangan/shu-saya/{YEAR}/pdf/")
    assert "Dimasukkan ke simpanan sukarela" in rendered[-1]
