"""On PostgreSQL: two officers confirming the same count at once give one
confirmation."""

import pytest
from django_scopes import scope

from guyub.governance.ballots import services
from guyub.governance.ballots.models import Ballot, PaperBatch
from guyub.testing import governance as world
from guyub.testing import governance_ballots as box
from guyub.testing.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_officers_confirming_the_same_count_at_once_fill_the_box_once(coop, board):
    meeting, people = box.open_meeting(coop, board, members=6)
    vote = box.motion(meeting, board)
    with scope(cooperative=coop):
        for member in people["members"][:4]:
            services.paper.hand_out(vote=vote, voter=world.entry_of(meeting, member),
                                    actor=people["staff"])
        batch = services.paper.enter(vote=vote, counts={0: 3, 1: 1, 2: 0},
                                     actor=people["staff"])

    def confirmer(officer):
        return lambda: services.paper.confirm(vote=vote, batch=batch,
                                              counts={0: 3, 1: 1, 2: 0}, actor=officer)

    results = at_once(coop, [confirmer(people["supervisor"]),
                             confirmer(people["other_board"])])
    assert sorted(r[0] for r in results) == ["ok", "refused"], results
    with scope(cooperative=coop):
        assert Ballot.objects.filter(vote=vote, filled=True).count() == 4
        assert PaperBatch.objects.get(pk=batch.pk).status == PaperBatch.Status.CONFIRMED
    assert [c.votes for c in box.close(vote, board).counts] == [3, 1, 0]
