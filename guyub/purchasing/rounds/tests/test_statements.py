"""The close's named statements (rounds/statements.py on core/rows.py): each UPDATE is
limited to the round's cooperative, and the shares are written with it."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from guyub.purchasing.models import RoundItem, Share
from guyub.purchasing.rounds import services, statements
from guyub.testing.purchase_rounds import commit, make_round, members

pytestmark = pytest.mark.django_db


def test_every_update_of_the_close_and_the_receipt_names_the_cooperative(coop, board):
    round_, (item,) = make_round(coop)
    tenant = connection.ops.quote_name(Share._meta.get_field("cooperative").column)
    with scope(cooperative=coop):
        for member in members(coop, 3):
            commit(item, member, 20)
        with CaptureQueriesContext(connection) as queries:
            services.close_round(round_=round_, actor=board)
            item.refresh_from_db()
            services.receive_goods(round_item=item, received_qty=D(50), actor=board,
                                   note="Satu karung rusak")
    joined = [q["sql"] for q in queries.captured_queries if "FROM v WHERE" in q["sql"]]
    assert joined, "the close writes the items' figures through update_from_values"
    assert all(f"{tenant} = " in sql for sql in joined)
    with scopes_disabled():
        assert set(Share.objects.filter(round_item=item)
                   .values_list("cooperative_id", flat=True)) == {coop.pk}


def test_a_statement_given_another_cooperative_changes_nothing(coop, other_coop, board):
    round_, (item,) = make_round(coop)
    with scope(cooperative=coop):
        commit(item, members(coop, 1)[0], 60)
        services.close_round(round_=round_, actor=board)
        item.refresh_from_db()
        figures = (item.packs, item.ordered_qty, item.unit_price)
        item.packs, item.ordered_qty = 99, D(4950)
        statements.save_item_figures(other_coop.pk, [item])
        stored = RoundItem.objects.get(pk=item.pk)
        assert (stored.packs, stored.ordered_qty, stored.unit_price) == figures
