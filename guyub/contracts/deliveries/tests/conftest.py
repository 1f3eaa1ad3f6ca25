import pytest
from django_scopes import scope, scopes_disabled

from guyub.ledger.models import JournalEntry
from guyub.testing.contracts import contract_world
from guyub.testing.contracts_deliveries import allotments, allotted_delivery


@pytest.fixture
def world(coop, board):
    return contract_world(coop, board)


@pytest.fixture
def delivery(world):
    return allotted_delivery(world)


@pytest.fixture
def rows(delivery):
    """The delivery's allotments: 1,000 / 600 / 400 kg."""
    return allotments(delivery)


@pytest.fixture
def in_scope(coop):
    with scope(cooperative=coop):
        yield


@pytest.fixture
def entries(coop, delivery):
    """The journal entries posted since the world was made, each as its lines
    (role, debit, credit, member id)."""
    with scopes_disabled():
        before = max(JournalEntry.objects.values_list("pk", flat=True), default=0)

    def read():
        with scopes_disabled():
            return [[(line.account.role, line.debit, line.credit, line.member_id)
                     for line in entry.lines.select_related("account").order_by("pk")]
                    for entry in JournalEntry.objects.filter(cooperative=coop, pk__gt=before)
                    .order_by("pk")]
    return read
