"""Vote writes: preparing a vote on an agenda item, opening it (quorum, the pool of
blank ballots), casting (one per voter, a random blank filled), closing (the tally,
the seal, the decision).

Lock order, the same everywhere: the meeting row (opening), the vote row (closing:
FOR UPDATE; a cast takes no lock on it but its participation insert takes the
foreign key's KEY SHARE on the vote row, so a close waits for the casts in flight and
a cast that starts after the close sees it closed), then the ballots."""

from . import paper
from .casting import cast, cast_online, cast_tablet
from .votes import Tally, close, close_vote, create_vote, open_vote

__all__ = ["Tally", "cast", "cast_online", "cast_tablet", "close", "close_vote",
           "create_vote", "open_vote", "paper"]
