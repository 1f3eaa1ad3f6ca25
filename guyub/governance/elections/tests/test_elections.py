"""Elections: preparing one (candidates on the register, seats, terms), closing it
(the winners seated, a tie left open, the decision recorded, the elected told), and
the daily job that gives and takes back the officer's role on the term's dates."""

import datetime as dt

import pytest
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog, CoopRole
from guyub.governance import notices
from guyub.governance.ballots.models import Option, Vote
from guyub.governance.decisions.models import Decision
from guyub.governance.elections.models import Election, OfficerTerm
from guyub.governance.elections.services import close_election, seat_officers
from guyub.governance.meetings.models import AgendaItem, Meeting
from guyub.members.models import Member
from guyub.notifications.models import Notice
from guyub.testing import governance as world
from guyub.testing import governance_elections as gov
from guyub.testing.factories import MemberFactory

ELECTION = (AgendaItem.Kind.ELECTION, "Pemilihan pengurus 2027–2031")
TODAY = dt.date(2027, 1, 1)


@pytest.fixture
def people(coop, board):
    return world.people(coop, board, members=6)


@pytest.fixture
def meeting(coop, board, people):
    return world.called_meeting(coop, board, people["members"], status=Meeting.Status.OPEN,
                                items=[ELECTION])


def candidates(people, n=3):
    return people["members"][:n]


# --- preparing an election ---------------------------------------------------------


def test_an_election_puts_the_candidates_with_their_statements_on_a_secret_vote(
        coop, board, people, meeting):
    election = gov.election(meeting, board, candidates(people), seats=2,
                            term_start=dt.date(2027, 1, 1), term_end=dt.date(2031, 1, 1))
    with scope(cooperative=coop):
        vote = election.vote
        assert (vote.kind, vote.majority, vote.max_marks, vote.secret) == (
            Vote.Kind.ELECTION, Vote.Majority.PLURALITY, 2, True)
        assert vote.question == "Pemilihan pengurus 2027–2031"
        options = list(vote.options.order_by("position"))
        assert [o.position for o in options] == [0, 1, 2]
        assert [o.candidate for o in options] == candidates(people)
        assert [o.label for o in options] == [m.owner_name for m in candidates(people)]
        assert all(o.statement == gov.STATEMENT for o in options)


@pytest.mark.parametrize(("change", "message"), [
    ({"seats": 0}, "kursi"),
    ({"seats": 16}, "kursi"),
    ({"seats": 4}, "paling sedikit"),                       # 3 candidates for 4 seats
    ({"term_end": dt.date(2027, 1, 1)}, "sesudah"),          # ends the day it starts
    ({"term_end": dt.date(2026, 1, 1)}, "sesudah"),
    ({"term_end": "2031-02-30"}, "Tanggal"),                 # no such day
    ({"office": "treasurer"}, "jabatan"),
])
def test_an_election_is_refused_with_impossible_seats_terms_or_office(
        coop, board, people, meeting, change, message):
    from guyub.governance.elections.services import create_election

    fields = {"office": "board", "seats": 2, "term_start": dt.date(2027, 1, 1),
              "term_end": dt.date(2031, 1, 1), **change}
    with scope(cooperative=coop), pytest.raises(DomainError, match=message):
        create_election(item=gov.item(meeting, "election"), actor=board,
                        candidates=[(m, gov.STATEMENT) for m in candidates(people)], **fields)


def test_as_many_candidates_as_seats_is_enough(coop, board, people, meeting):
    assert gov.election(meeting, board, candidates(people, 2), seats=2)


@pytest.mark.parametrize("who", ["not_on_register", "exited", "other_coop"])
def test_a_candidate_must_be_an_active_member_on_the_register(coop, other_coop, board,
                                                              people, meeting, who):
    if who == "not_on_register":
        stranger = MemberFactory(cooperative=coop, owner_name="Belum Terdaftar")
    elif who == "exited":
        stranger = people["members"][3]
        with scope(cooperative=coop):
            Member.objects.filter(pk=stranger.pk).update(status=Member.Status.EXITED)
        stranger.refresh_from_db()
    else:
        stranger = MemberFactory(cooperative=other_coop, owner_name="Koperasi Lain")
    with pytest.raises(DomainError, match="bukan anggota aktif"):
        gov.election(meeting, board, [*candidates(people, 2), stranger], seats=2)


def test_a_candidate_statement_is_checked_and_a_candidate_is_named_once(coop, board, people,
                                                                        meeting):
    from guyub.governance.elections.services import create_election

    args = {"item": gov.item(meeting, "election"), "actor": board, "office": "board",
            "seats": 1, "term_start": dt.date(2027, 1, 1), "term_end": dt.date(2031, 1, 1)}
    sari, budi = candidates(people, 2)
    with scope(cooperative=coop):
        with pytest.raises(DomainError, match="3000"):
            create_election(**args, candidates=[(sari, "x" * 3001), (budi, "ok")])
        with pytest.raises(DomainError, match="wajib"):
            create_election(**args, candidates=[(sari, ""), (budi, "ok")])
        with pytest.raises(DomainError, match="dua kali"):
            create_election(**args, candidates=[(sari, "a"), (sari, "b")])


@pytest.mark.parametrize("status", [Meeting.Status.DRAFT, Meeting.Status.CLOSED])
def test_an_election_is_prepared_only_for_a_called_or_open_meeting(coop, board, people,
                                                                   meeting, status):
    gov.set_status(meeting, status)
    with pytest.raises(DomainError, match="undangan"):
        gov.election(meeting, board, candidates(people))


def test_an_election_needs_an_election_item(coop, board, people):
    meeting = world.called_meeting(coop, board, people["members"])
    with scope(cooperative=coop), pytest.raises(DomainError, match="bukan pemilihan"):
        from guyub.governance.elections.services import create_election

        create_election(item=gov.item(meeting), actor=board, office="board", seats=1,
                        term_start=dt.date(2027, 1, 1), term_end=dt.date(2031, 1, 1),
                        candidates=[(m, "ok") for m in candidates(people)])


def test_the_board_prepares_an_election_on_the_page_by_member_numbers(client, coop, board,
                                                                      people, meeting):
    client.force_login(board)
    item = gov.item(meeting, "election")
    url = f"/k/{coop.slug}/rapat/{meeting.pk}/acara/{item.pk}/pemilihan/"
    assert client.get(url).status_code == 200
    data = {"office": "supervisor", "seats": "1", "term_start": "2027-01-01",
            "term_end": "2030-01-01", "c-TOTAL_FORMS": "10", "c-INITIAL_FORMS": "0"}
    for n, member in enumerate(candidates(people, 2)):
        data[f"c-{n}-number"] = str(member.number)
        data[f"c-{n}-statement"] = f"Visi {member.owner_name}"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with scope(cooperative=coop):
        election = Election.objects.get()
    assert election.office == "supervisor"
    page = client.get(response["Location"]).content.decode()
    assert "Visi Sari Wulandari" in page and "Visi Budi Santoso" in page


def test_a_member_on_the_register_reads_the_candidates_another_cannot(client, coop, board,
                                                                      people, meeting):
    election = gov.election(meeting, board, candidates(people))
    url = f"/k/{coop.slug}/pemilihan/{election.vote_id}/"
    client.force_login(people["members"][4].user)
    assert gov.STATEMENT in client.get(url).content.decode()
    outsider = world.member_with_login(coop, "Bukan Pemilih")
    client.force_login(outsider.user)
    assert client.get(url).status_code == 404


# --- closing: the winners are seated ---------------------------------------------------


def closed(coop, board, people, meeting, counts, seats=2):
    election = gov.election(meeting, board, candidates(people, len(counts)), seats=seats,
                            term_start=dt.date(2027, 1, 1), term_end=dt.date(2031, 1, 1))
    vote = gov.tallied(election, counts)
    with scope(cooperative=coop):
        close_election(vote=vote, actor=board)
    return election


def test_closing_seats_the_top_candidates_records_the_decision_and_tells_the_elected(
        coop, board, people, meeting):
    election = closed(coop, board, people, meeting, [12, 5, 9])
    sari, budi, dewi = candidates(people)
    with scope(cooperative=coop):
        terms = list(OfficerTerm.objects.order_by("-votes"))
        assert [(t.member, t.votes, t.status, t.office) for t in terms] == [
            (sari, 12, "elected", "board"), (dewi, 9, "elected", "board")]
        assert {(t.term_start, t.term_end) for t in terms} == {
            (dt.date(2027, 1, 1), dt.date(2031, 1, 1))}
        decision = Decision.objects.get(vote=election.vote)
        assert (decision.method, decision.outcome) == ("vote", "elected")
        assert "Sari Wulandari (12 suara)" in decision.text
        assert "Dewi Lestari (9 suara)" in decision.text
        assert "Budi Santoso" not in decision.text
        assert Vote.objects.get(pk=election.vote_id).result == Vote.Result.ELECTED
        assert AuditLog.objects.filter(action="election.closed").exists()
    told = set(Notice.objects.filter(topic=notices.ELECTED).values_list("user_id", flat=True))
    assert told == {sari.user_id, dewi.user_id}
    # Nobody holds the role before the term starts.
    assert not CoopRole.objects.filter(user=sari.user, role="board").exists()


def test_a_tie_for_the_last_seat_is_recorded_as_a_tie_and_seats_only_those_above(
        coop, board, people, meeting):
    election = closed(coop, board, people, meeting, [12, 7, 7])
    with scope(cooperative=coop):
        assert [t.member.owner_name for t in OfficerTerm.objects.all()] == ["Sari Wulandari"]
        decision = Decision.objects.get(vote=election.vote)
        assert decision.outcome == Decision.Outcome.TIE
        assert "Suara sama" in decision.text and "Budi Santoso (7 suara)" in decision.text
        assert Vote.objects.get(pk=election.vote_id).result == Vote.Result.TIE


def test_an_election_closes_once(coop, board, people, meeting):
    election = closed(coop, board, people, meeting, [3, 2, 1])
    with scope(cooperative=coop), pytest.raises(DomainError, match="sudah ditutup"):
        close_election(vote=election.vote, actor=board)
    with scope(cooperative=coop):
        assert OfficerTerm.objects.count() == 2


def test_an_invalid_vote_seats_nobody(coop, board, people, meeting):
    election = gov.election(meeting, board, candidates(people), seats=2)
    vote = gov.tallied(election, [5, 4, 3], status=Vote.Status.INVALID)
    with scope(cooperative=coop):
        close_election(vote=vote, actor=board)
        assert not OfficerTerm.objects.exists()
        assert Decision.objects.get(vote=vote).outcome == Decision.Outcome.INVALID


def test_a_draft_vote_cannot_be_closed_as_an_election(coop, board, people, meeting):
    election = gov.election(meeting, board, candidates(people))
    with scope(cooperative=coop), pytest.raises(DomainError, match="belum dibuka"):
        close_election(vote=election.vote, actor=board)


def test_the_chair_closes_an_election_on_its_page(client, coop, board, people, meeting):
    election = gov.election(meeting, board, candidates(people))
    gov.tallied(election, [1, 2, 3])
    client.force_login(board)
    url = f"/k/{coop.slug}/pemilihan/{election.vote_id}/tutup/"
    assert client.post(url).status_code == 302
    page = client.get(f"/k/{coop.slug}/pemilihan/{election.vote_id}/").content.decode()
    assert "Dewi Lestari (3 suara)" in page
    terms = client.get(f"/k/{coop.slug}/pengurus-pengawas/").content.decode()
    assert "Dewi Lestari" in terms and "Budi Santoso" in terms


# --- the daily job -------------------------------------------------------------------


def seated(coop, board, people, meeting, start=TODAY, end=dt.date(2031, 1, 1)):
    election = gov.election(meeting, board, candidates(people, 2), seats=2, term_start=start,
                            term_end=end)
    gov.tallied(election, [5, 4])
    with scope(cooperative=coop):
        close_election(vote=election.vote, actor=board)
    return candidates(people, 2)


def run(coop, today):
    return seat_officers(coop, today=today)


def roles(user):
    return set(CoopRole.objects.filter(user=user).values_list("role", flat=True))


def test_the_elected_take_their_role_on_the_start_date_not_before(coop, board, people,
                                                                  meeting):
    sari, budi = seated(coop, board, people, meeting)
    run(coop, TODAY - dt.timedelta(days=1))
    assert "board" not in roles(sari.user)
    done = run(coop, TODAY)
    assert "board" in roles(sari.user) and "board" in roles(budi.user)
    assert "2" in done[0].text
    with scope(cooperative=coop):
        term = OfficerTerm.objects.get(member=sari)
        assert (term.status, term.granted_role) == ("serving", True)
        assert term.started_at is not None
        assert AuditLog.objects.filter(action="officer_term.started").count() == 2
    assert Notice.objects.filter(topic=notices.TERM_STARTED, user=sari.user).count() == 1


def test_the_job_run_twice_changes_nothing_the_second_time(coop, board, people, meeting):
    sari, _budi = seated(coop, board, people, meeting)
    run(coop, TODAY)
    assert run(coop, TODAY) == []
    assert CoopRole.objects.filter(user=sari.user, role="board").count() == 1
    assert Notice.objects.filter(topic=notices.TERM_STARTED, user=sari.user).count() == 1
    with scope(cooperative=coop):
        assert AuditLog.objects.filter(action="officer_term.started").count() == 2


def test_a_term_ends_and_takes_back_only_the_role_it_gave(coop, board, people, meeting):
    sari, budi = seated(coop, board, people, meeting)
    # Budi already was on the board (appointed before Guyub): the term does not give it.
    CoopRole.objects.create(user=budi.user, cooperative=coop, role="board")
    run(coop, TODAY)
    with scope(cooperative=coop):
        assert not OfficerTerm.objects.get(member=budi).granted_role
    run(coop, dt.date(2031, 1, 1))          # the last day of the term: still serving
    assert "board" in roles(sari.user)
    run(coop, dt.date(2031, 1, 2))
    with scope(cooperative=coop):
        assert set(OfficerTerm.objects.values_list("status", flat=True)) == {"ended"}
        assert AuditLog.objects.filter(action="officer_term.ended").count() == 2
    assert "board" not in roles(sari.user)
    assert "board" in roles(budi.user)      # not given by the term, not taken back
    assert "member" in roles(sari.user)     # the member's own role untouched


def test_a_re_elected_officer_keeps_the_role_across_terms_and_loses_it_after_the_last(
        coop, board, people, meeting):
    sari, _budi = seated(coop, board, people, meeting, start=TODAY, end=dt.date(2031, 1, 1))
    run(coop, TODAY)
    again = world.called_meeting(coop, board, people["members"],
                                 status=Meeting.Status.OPEN, items=[ELECTION])
    election = gov.election(again, board, [sari], seats=1, term_start=dt.date(2031, 1, 2),
                            term_end=dt.date(2035, 1, 1))
    gov.tallied(election, [9])
    with scope(cooperative=coop):
        close_election(vote=election.vote, actor=board)
    run(coop, dt.date(2031, 1, 2))          # the old term ends as the new one starts
    assert "board" in roles(sari.user)
    run(coop, dt.date(2035, 1, 2))
    assert "board" not in roles(sari.user)


def test_a_member_without_a_login_starts_serving_and_the_board_is_told_on_the_jobs_page(
        coop, board, people, meeting):
    sari, _budi = seated(coop, board, people, meeting)
    with scope(cooperative=coop):
        Member.objects.filter(pk=sari.pk).update(user=None)
    done = run(coop, TODAY)
    assert any("belum punya akun" in d.text and "Sari Wulandari" in d.text for d in done)
    with scope(cooperative=coop):
        term = OfficerTerm.objects.get(member=sari)
        assert (term.status, term.granted_role) == ("serving", False)


def test_the_job_only_touches_its_own_cooperatives_terms(coop, other_coop, board, people,
                                                         meeting):
    sari, _budi = seated(coop, board, people, meeting)
    seat_officers(other_coop, today=TODAY)
    assert "board" not in roles(sari.user)
    with scope(cooperative=coop):
        assert Option.objects.filter(votes__isnull=False).count() == 2


def test_the_last_board_member_with_access_keeps_it_until_a_successor_serves(
        coop, board, people, meeting):
    sari, budi = seated(coop, board, people, meeting)
    run(coop, TODAY)
    # The board members appointed by hand left; only the elected hold the role.
    CoopRole.objects.filter(cooperative=coop, role="board").exclude(
        user__in=[sari.user, budi.user]).delete()
    run(coop, dt.date(2031, 1, 2))          # both terms past their end, nobody elected
    # One of them gives the role back; the other is the last board member and keeps it,
    # or nobody could call the RAT that elects the successors.
    holders = set(CoopRole.objects.filter(cooperative=coop, role="board")
                  .values_list("user_id", flat=True))
    assert len(holders) == 1 and holders <= {sari.user_id, budi.user_id}
    with scope(cooperative=coop):
        statuses = sorted(OfficerTerm.objects.values_list("status", flat=True))
    assert statuses == ["ended", "serving"]


def test_a_filled_item_gets_no_second_election_and_a_tie_only_its_open_seats(
        coop, board, people, meeting):
    # A tie for the last of two seats: Sari is seated, one seat is left open.
    closed(coop, board, people, meeting, [12, 7, 7])
    sari, budi, dewi, eko = people["members"][:4]
    with scope(cooperative=coop):
        for seats, who, message in ((2, [budi, dewi], "Tinggal 1 kursi"),
                                    (1, [sari, budi], "Sari Wulandari sudah terpilih")):
            with pytest.raises(DomainError, match=message):
                gov.election(meeting, board, who, seats=seats,
                             term_start=dt.date(2027, 1, 1), term_end=dt.date(2031, 1, 1))
        assert Election.objects.count() == 1
    # The open seat is decided again between those tied: now the item is filled.
    runoff = gov.election(meeting, board, [budi, dewi], seats=1,
                          term_start=dt.date(2027, 1, 1), term_end=dt.date(2031, 1, 1))
    with scope(cooperative=coop):
        close_election(vote=gov.tallied(runoff, [4, 9]), actor=board)
        assert sorted(t.member.owner_name for t in OfficerTerm.objects.all()) == sorted(
            [sari.owner_name, dewi.owner_name])
        with pytest.raises(DomainError, match="sudah terisi"):
            gov.election(meeting, board, [budi, eko], seats=1,
                         term_start=dt.date(2027, 1, 1), term_end=dt.date(2031, 1, 1))
        assert OfficerTerm.objects.count() == 2
