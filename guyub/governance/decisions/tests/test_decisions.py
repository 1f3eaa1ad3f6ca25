"""Decisions: the RAT's approvals that finance will require, a consensus recorded by
the chair, numbering, and the register searched across the years."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.governance.decisions.models import Decision
from guyub.governance.decisions.selectors import approval
from guyub.governance.decisions.services import decide_by_consensus
from guyub.governance.meetings.models import AgendaItem, Meeting
from guyub.testing import governance as world
from guyub.testing import governance_decisions as gov

APPROVED, REJECTED, NOTED = (Decision.Outcome.APPROVED, Decision.Outcome.REJECTED,
                             Decision.Outcome.NOTED)
ACCOUNTS, SHU = AgendaItem.Kind.ACCOUNTS, AgendaItem.Kind.SHU
ITEMS = ((ACCOUNTS, "Laporan keuangan"), (SHU, "Pembagian SHU"))


@pytest.fixture
def people(coop, board):
    return world.people(coop, board, members=4)


def rat(coop, board, people, *, status=Meeting.Status.CLOSED, year=2025,
        kind=Meeting.Kind.RAT, **fields):
    return world.called_meeting(coop, board, people["members"], status=status, kind=kind,
                                fiscal_year=year, items=ITEMS, **fields)


def approval_of(coop, year=2025, kind=ACCOUNTS):
    with scope(cooperative=coop):
        return approval(coop, fiscal_year=year, kind=kind)


# --- the approvals finance requires -------------------------------------------------


def test_an_approval_of_a_closed_rat_is_found(coop, board, people):
    decision = gov.decide(rat(coop, board, people), APPROVED, kind=ACCOUNTS)
    assert approval_of(coop) == decision
    assert approval_of(coop, kind=SHU) is None


def test_a_rejection_is_no_approval(coop, board, people):
    gov.decide(rat(coop, board, people), REJECTED, kind=ACCOUNTS)
    assert approval_of(coop) is None


def test_a_later_rejection_supersedes_an_approval_and_a_later_approval_restores_it(
        coop, board, people):
    now = timezone.now()
    gov.decide(rat(coop, board, people), APPROVED, kind=ACCOUNTS,
               at=now - dt.timedelta(days=60))
    ralb = rat(coop, board, people, kind=Meeting.Kind.RALB, title="RALB")
    gov.decide(ralb, REJECTED, kind=ACCOUNTS, at=now - dt.timedelta(days=30))
    assert approval_of(coop) is None
    again = gov.decide(rat(coop, board, people, title="RALB kedua"), APPROVED,
                       kind=ACCOUNTS, at=now)
    assert approval_of(coop) == again


def test_a_noted_report_neither_gives_nor_takes_an_approval(coop, board, people):
    approved = gov.decide(rat(coop, board, people), APPROVED, kind=ACCOUNTS,
                          at=timezone.now() - dt.timedelta(days=1))
    gov.decide(rat(coop, board, people, title="RAT lain"), NOTED, kind=ACCOUNTS)
    assert approval_of(coop) == approved


def test_an_approval_counts_for_its_own_fiscal_year_only(coop, board, people):
    gov.decide(rat(coop, board, people, year=2024), APPROVED, kind=ACCOUNTS)
    assert approval_of(coop, year=2025) is None
    assert approval_of(coop, year=2024) is not None


def test_another_cooperatives_approval_does_not_count(coop, other_coop, board, make_user,
                                                      people):
    other_board = make_user(other_coop, "board")
    others = world.people(other_coop, other_board, members=2)
    gov.decide(rat(other_coop, other_board, others), APPROVED, kind=ACCOUNTS)
    assert approval_of(coop) is None
    assert approval_of(other_coop) is not None


@pytest.mark.parametrize("status", [Meeting.Status.OPEN, Meeting.Status.ADJOURNED])
def test_an_approval_of_a_meeting_not_closed_does_not_count_yet(coop, board, people, status):
    gov.decide(rat(coop, board, people, status=status), APPROVED, kind=ACCOUNTS)
    assert approval_of(coop) is None


def test_a_pre_rat_group_meeting_cannot_approve_the_accounts(coop, board, people):
    gov.decide(rat(coop, board, people, kind=Meeting.Kind.PRE_RAT), APPROVED, kind=ACCOUNTS)
    assert approval_of(coop) is None


# --- consensus --------------------------------------------------------------------------


def consensus(meeting, board, outcome=APPROVED, text="Laporan keuangan 2025 disahkan.",
              kind=ACCOUNTS):
    with scope(cooperative=meeting.cooperative):
        return decide_by_consensus(item=gov.item(meeting, kind), outcome=outcome,
                                   text=text, actor=board)


def test_the_chair_records_a_consensus_in_the_boards_words(coop, board, people):
    meeting = rat(coop, board, people, status=Meeting.Status.OPEN)
    decision = consensus(meeting, board, text="  Laporan keuangan 2025 disahkan.  ")
    assert (decision.method, decision.outcome, decision.kind, decision.fiscal_year) == (
        Decision.Method.CONSENSUS, APPROVED, ACCOUNTS, 2025)
    assert decision.text == "Laporan keuangan 2025 disahkan."
    assert decision.number.startswith("01/RAT-")


@pytest.mark.parametrize(("text", "message"), [
    ("", "wajib"), ("   ", "wajib"), ("a\x00b", "NUL"), ("a\ud800b", "tidak sah"),
    ("x" * 5001, "5000"),
])
def test_a_consensus_text_is_refused_when_empty_broken_or_too_long(coop, board, people, text,
                                                                   message):
    meeting = rat(coop, board, people, status=Meeting.Status.OPEN)
    with pytest.raises(DomainError, match=message):
        consensus(meeting, board, text=text)


@pytest.mark.parametrize("status", [Meeting.Status.CALLED, Meeting.Status.CLOSED])
def test_a_consensus_is_recorded_only_while_the_meeting_is_open(coop, board, people, status):
    meeting = rat(coop, board, people, status=status)
    with pytest.raises(DomainError, match="berlangsung"):
        consensus(meeting, board)


def test_an_item_is_decided_once_and_an_outcome_must_be_a_consensus_one(coop, board, people):
    meeting = rat(coop, board, people, status=Meeting.Status.OPEN)
    with pytest.raises(DomainError):
        consensus(meeting, board, outcome=Decision.Outcome.ELECTED)
    consensus(meeting, board)
    with pytest.raises(DomainError, match="sudah diputuskan"):
        consensus(meeting, board, outcome=REJECTED)


def test_two_decisions_of_a_meeting_get_different_numbers(coop, board, people):
    meeting = rat(coop, board, people, status=Meeting.Status.OPEN)
    first = consensus(meeting, board)
    second = consensus(meeting, board, kind=SHU, text="SHU dibagi sesuai usul.")
    assert first.number != second.number
    assert [first.number[:3], second.number[:3]] == ["01/", "02/"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_decisions_recorded_at_once_never_share_a_number(coop, board):
    from guyub.testing.concurrency import at_once

    people = world.people(coop, board, members=3)
    meeting = rat(coop, board, people, status=Meeting.Status.OPEN)
    results = at_once(coop, [lambda: consensus(meeting, board).number,
                             lambda: consensus(meeting, board, kind=SHU).number])
    assert [r[0] for r in results] == ["ok", "ok"]
    assert len({r[1] for r in results}) == 2


def test_the_chair_records_a_consensus_through_the_page(client, coop, board, people):
    meeting = rat(coop, board, people, status=Meeting.Status.OPEN)
    client.force_login(board)
    item = gov.item(meeting, SHU)
    url = f"/k/{coop.slug}/rapat/{meeting.pk}/acara/{item.pk}/putuskan/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"outcome": "approved", "text": "SHU dibagi sesuai usul."})
    assert response.status_code == 302
    with scope(cooperative=coop):
        assert Decision.objects.get(item=item).text == "SHU dibagi sesuai usul."


# --- the register ---------------------------------------------------------------------


def test_the_register_finds_decisions_across_the_years_by_words_year_and_meeting(
        client, coop, board, people):
    old = rat(coop, board, people, year=2021, title="RAT Tahun Buku 2021")
    new = rat(coop, board, people, year=2025, title="RAT Tahun Buku 2025")
    gov.decide(old, APPROVED, kind=ACCOUNTS, text="Neraca 2021 disahkan.",
               at=timezone.now().replace(year=2022))
    gov.decide(new, APPROVED, kind=SHU, text="SHU 2025 dibagi.")
    member = people["members"][0]
    client.force_login(member.user)  # the register is every member's
    base = f"/k/{coop.slug}/keputusan/"
    page = client.get(base, {"q": "neraca"}).content.decode()
    assert "Neraca 2021 disahkan." in page and "SHU 2025 dibagi." not in page
    page = client.get(base, {"year": 2022}).content.decode()
    assert "Neraca 2021" in page and "SHU 2025" not in page
    page = client.get(base, {"meeting": new.pk}).content.decode()
    assert "SHU 2025 dibagi." in page and "Neraca 2021" not in page
    page = client.get(base, {"kind": "shu"}).content.decode()
    assert "SHU 2025 dibagi." in page and "Neraca 2021" not in page
    page = client.get(base, {"q": "Pembagian"}).content.decode()  # the item's title
    assert "SHU 2025 dibagi." in page


def test_the_register_shows_no_other_cooperatives_decisions(client, coop, other_coop, board,
                                                            make_user, people):
    other_board = make_user(other_coop, "board")
    others = world.people(other_coop, other_board, members=2)
    foreign = gov.decide(rat(other_coop, other_board, others), APPROVED, kind=ACCOUNTS,
                         text="Keputusan koperasi lain.")
    client.force_login(board)
    assert "Keputusan koperasi lain." not in client.get(
        f"/k/{coop.slug}/keputusan/").content.decode()
    assert client.get(f"/k/{coop.slug}/keputusan/{foreign.pk}/").status_code == 404
