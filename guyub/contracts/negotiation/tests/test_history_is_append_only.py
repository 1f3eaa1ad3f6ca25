"""The negotiation history both sides see is never edited: the model refuses to save a
stored step or delete one, and the database refuses an UPDATE (both databases) and a
DELETE (PostgreSQL) from anyone who bypasses the model."""

import pytest
from django.db import DatabaseError, connection, transaction
from django_scopes import scope

from guyub.contracts.models import ContractVersion, Offer
from guyub.contracts.negotiation import services
from guyub.testing.contracts_nego import requested_contract

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(coop, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade)
    with scope(cooperative=coop):
        return Offer.objects.get(contract=contract)


def test_a_stored_step_cannot_be_saved_again(coop, step):
    with scope(cooperative=coop):
        step.price = 1
        with pytest.raises(ValueError):
            step.save()
        assert Offer.objects.get(pk=step.pk).price == 95000


def test_a_step_cannot_be_deleted_through_the_model(coop, step):
    with scope(cooperative=coop):
        with pytest.raises(ValueError):
            step.delete()
        assert Offer.objects.filter(pk=step.pk).exists()


def test_a_raw_update_of_a_step_is_refused_by_the_database(coop, step):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Offer._meta.db_table} SET price = 1 WHERE id = %s", [step.pk])
    with scope(cooperative=coop):
        assert Offer.objects.get(pk=step.pk).price == 95000


def test_a_raw_update_of_an_agreed_version_is_refused(coop, board, step):
    with scope(cooperative=coop):
        agreed = services.accept(contract=step.contract, party="cooperative", actor=board)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {ContractVersion._meta.db_table} SET terms = '{{}}' "
                       "WHERE id = %s", [agreed.pk])


@pytest.mark.postgres
def test_a_raw_delete_of_a_step_is_refused_on_postgresql(coop, step):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Offer._meta.db_table} WHERE id = %s", [step.pk])
    with scope(cooperative=coop):
        assert Offer.objects.filter(pk=step.pk).exists()
