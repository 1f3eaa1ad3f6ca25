"""Two proxies registered at the same moment to a holder whose cap is one (PostgreSQL:
parallel connections): the meeting row lock lets one through."""

import pytest
from django_scopes import scope

from guyub.governance.attendance import services
from guyub.governance.attendance.models import Proxy
from guyub.testing import governance as world
from guyub.testing.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_proxies_at_once_to_a_holder_with_cap_one_give_one(coop, board, members):
    meeting = world.called_meeting(coop, board, members)
    holder, a, b = (world.entry_of(meeting, members[i]).number for i in (0, 1, 2))
    results = at_once(coop, [
        lambda: services.register_proxy(meeting=meeting, actor=board, grantor_number=a,
                                        holder_number=holder).pk,
        lambda: services.register_proxy(meeting=meeting, actor=board, grantor_number=b,
                                        holder_number=holder).pk,
    ])
    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    with scope(cooperative=coop):
        assert Proxy.objects.filter(meeting=meeting, revoked_at__isnull=True).count() == 1
