"""core/rows.py writes and reads model rows without the QuerySet: what it writes must be
what Django would have written, and what it reads what a QuerySet would have read."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django_scopes import scope, scopes_disabled

from guyub.core import rows
from guyub.core.models import AuditLog, Cooperative
from guyub.sales.models import Buyer

pytestmark = pytest.mark.django_db


def test_insert_writes_the_instances_with_their_defaults_and_sets_their_keys(coop, make_user):
    user = make_user(coop, "staff")
    entries = [AuditLog(cooperative=coop, actor=user, action="uji.satu",
                        data={"total": "125000", "baris": [1, 2]}),
               AuditLog(cooperative=coop, action="uji.dua")]
    rows.insert(entries)
    assert all(e.pk and not e._state.adding for e in entries)
    with scope(cooperative=coop):
        saved = {e.action: e for e in AuditLog.objects.filter(pk__in=[e.pk for e in entries])}
    assert saved["uji.satu"].pk == entries[0].pk and saved["uji.dua"].pk == entries[1].pk
    assert saved["uji.satu"].actor_id == user.pk and saved["uji.dua"].actor_id is None
    assert saved["uji.satu"].data == {"total": "125000", "baris": [1, 2]}  # JSON round trip
    assert saved["uji.dua"].data == {}  # the field's default
    assert saved["uji.dua"].created_at == entries[1].created_at


def test_an_insert_that_breaks_a_constraint_writes_nothing(coop):
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.insert([AuditLog(cooperative=coop, action="uji.ok"),
                     AuditLog(cooperative=coop, action=None)])  # NOT NULL
    with scope(cooperative=coop):
        assert not AuditLog.objects.filter(action__startswith="uji.").exists()


def test_insert_takes_many_rows_in_batches_the_database_accepts(coop):
    # SQLite takes at most 999 parameters in one statement: 300 entries of 8 columns
    # are three statements there, one on PostgreSQL.
    entries = [AuditLog(cooperative=coop, action=f"uji.{i}") for i in range(300)]
    rows.insert(entries)
    keys = [e.pk for e in entries]
    assert len(set(keys)) == 300
    with scope(cooperative=coop):
        saved = dict(AuditLog.objects.filter(pk__in=keys).values_list("pk", "action"))
    assert saved == {e.pk: e.action for e in entries}  # each key is its own row's


def test_insert_of_nothing_does_nothing(coop):
    rows.insert([])
    with scope(cooperative=coop):
        assert not Buyer.objects.exists()


def test_build_reads_a_row_as_the_queryset_would(coop):
    Cooperative.objects.filter(pk=coop.pk).update(ppn_rate=Decimal("11.00"), is_pkp=True)
    sql = (f"SELECT {rows.columns(Cooperative, 'c')} FROM {Cooperative._meta.db_table} c "
           "WHERE c.id = %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [coop.pk])
        built, end = rows.build(Cooperative, cursor.fetchone())
    with scopes_disabled():
        loaded = Cooperative.objects.get(pk=coop.pk)
    assert end == len(Cooperative._meta.concrete_fields)
    for field in Cooperative._meta.concrete_fields:
        assert getattr(built, field.attname) == getattr(loaded, field.attname), field.name
        assert type(getattr(built, field.attname)) is type(getattr(loaded, field.attname))
    assert built.ppn_rate == Decimal("11.00") and built.is_pkp is True
    assert not built._state.adding



def _stock(product) -> int:
    with scopes_disabled():
        return type(product).objects.get(pk=product.pk).stock


def test_update_from_values_sets_each_rows_own_values_in_its_cooperative_only(
        coop, other_coop):
    from guyub.sales.tests.store_helpers import product

    ours = [product(coop, f"Kopi {n}", stock=1) for n in range(3)]
    theirs = product(other_coop, "Kopi lain", stock=1)
    for n, item in enumerate(ours):
        item.stock = 10 + n
    theirs.stock = 99
    rows.update_from_values(type(theirs), [*ours, theirs], ["stock"],
                            cooperative=coop.pk, batch=2)
    assert [_stock(item) for item in ours] == [10, 11, 12]
    assert _stock(theirs) == 1  # named, but of another cooperative: untouched


def test_copy_rows_writes_new_rows_as_the_orm_reads_them(coop, other_coop):
    from guyub.sales.models import OrderCounter

    rows.copy_rows(OrderCounter, ["cooperative_id", "last_number"],
                   [(coop.pk, 41), (other_coop.pk, 7)])
    with scopes_disabled():
        counters = dict(OrderCounter.objects.values_list("cooperative_id", "last_number"))
    assert counters == {coop.pk: 41, other_coop.pk: 7}
