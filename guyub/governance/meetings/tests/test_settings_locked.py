"""The by-law rules of meetings change between meetings, never during one: proxies,
their cap and the special majority are read while a meeting runs."""

from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.governance.meetings import services
from guyub.governance.meetings.models import GovernanceSettings, Meeting
from guyub.testing import governance as world


def test_the_rules_cannot_change_while_a_meeting_is_called_or_under_way(coop, board):
    people = world.people(coop, board, members=2)
    world.rules(coop, special_majority=Decimal("0.667"))
    meeting = world.called_meeting(coop, board, people["members"])
    with scope(cooperative=coop):
        with pytest.raises(DomainError, match="tidak dapat diubah"):
            services.save_settings(cooperative=coop, actor=board,
                                   special_majority=Decimal("0.001"))
        assert GovernanceSettings.objects.get().special_majority == Decimal("0.667")
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CLOSED)
        services.save_settings(cooperative=coop, actor=board,
                               special_majority=Decimal("0.75"))
        assert GovernanceSettings.objects.get().special_majority == Decimal("0.75")


def test_a_quorum_of_more_than_everyone_is_refused(coop, board):
    with scope(cooperative=coop), pytest.raises(DomainError, match="tidak mungkin"):
        services.save_settings(cooperative=coop, actor=board, quorum_fraction=Decimal(1),
                               quorum_rule="more_than")


def test_the_quorum_is_one_number_with_the_cooperative_profile(coop, board):
    with scope(cooperative=coop):
        services.save_settings(cooperative=coop, actor=board,
                               quorum_fraction=Decimal("0.6"), quorum_rule="at_least")
    coop.refresh_from_db()
    assert coop.rat_quorum == Decimal("0.6")
