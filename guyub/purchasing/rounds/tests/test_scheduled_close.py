"""The scheduled close: only rounds past their closing time, in every cooperative,
and one round that fails keeps none of the others from closing."""

from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.purchasing.models import Commitment, Round, Share
from guyub.purchasing.rounds import schedule, services
from guyub.testing.purchase_rounds import (
    HOUR,
    make_round,
    members,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ticking_clock")]
Status = Round.Status


# --- the scheduled close ------------------------------------------------------------------


def test_the_scheduled_job_closes_only_rounds_past_closing_time_in_every_cooperative(
        coop, other_coop, board, monkeypatch):
    due_here, (item_here,) = make_round(coop, closes=-HOUR, title="Jatuh tempo 1")
    closed_meanwhile, _items = make_round(coop, closes=-HOUR, title="Ditutup tangan")
    still_open, _items = make_round(coop, closes=HOUR, title="Masih dibuka")
    due_there, (item_there,) = make_round(other_coop, closes=-2 * HOUR, title="Koperasi lain")
    (siti,) = members(coop, 1)
    (wati,) = members(other_coop, 1)
    with scopes_disabled():
        # Commitments from before the closing time.
        Commitment.objects.create(cooperative=coop, round_item=item_here, member=siti,
                                  quantity=D(50))
        Commitment.objects.create(cooperative=other_coop, round_item=item_there,
                                  member=wati, quantity=D(100))

    # The board closes one of the due rounds by hand while the job is already running,
    # after it listed the due rounds.
    original = services.close_round

    def board_closes_one_first(*, round_, actor=None):
        with scopes_disabled():
            by_hand = Round.objects.get(pk=closed_meanwhile.pk).status != Status.CLOSED
        if by_hand:
            with scope(cooperative=coop):
                original(round_=closed_meanwhile, actor=board)
        return original(round_=round_, actor=actor)

    monkeypatch.setattr(services, "close_round", board_closes_one_first)
    with scopes_disabled():
        closed = schedule.close_due_rounds()

    assert [r.pk for r in closed] == [due_here.pk, due_there.pk]
    with scopes_disabled():
        status = dict(Round.objects.values_list("pk", "status"))
        assert status == {due_here.pk: Status.CLOSED, closed_meanwhile.pk: Status.CLOSED,
                          still_open.pk: Status.OPEN, due_there.pk: Status.CLOSED}
        share_here = Share.objects.get(round_item=item_here)
        share_there = Share.objects.get(round_item=item_there)
    assert (share_here.cooperative_id, share_here.quantity) == (coop.pk, D(50))
    assert (share_there.cooperative_id, share_there.quantity) == (other_coop.pk, D(100))
    # Run again: nothing left to close.
    monkeypatch.setattr(services, "close_round", original)
    assert schedule.close_due_rounds() == []
    assert schedule.close_due_rounds(now=timezone.now() + 2 * HOUR)[0].pk == still_open.pk


def test_the_scheduled_close_goes_on_past_a_round_that_fails(coop, board, monkeypatch):
    first, _ = make_round(coop, opens=-3 * HOUR, closes=-2 * HOUR, title="Rusak")
    second, _ = make_round(coop, opens=-3 * HOUR, closes=-HOUR, title="Sehat")
    real = services.close_round

    def breaks_on_the_first(*, round_, actor=None):
        if round_.pk == first.pk:
            raise ValueError("numeric field overflow")
        return real(round_=round_, actor=actor)

    monkeypatch.setattr(services, "close_round", breaks_on_the_first)
    with pytest.raises(RuntimeError, match=str(first.pk)):
        schedule.close_due_rounds()
    with scopes_disabled():
        assert Round.objects.get(pk=second.pk).status == Status.CLOSED
        assert Round.objects.get(pk=first.pk).status == Status.OPEN
