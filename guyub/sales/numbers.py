"""Shipments and payout batches are numbered per cooperative, one after the other (the
(cooperative, number) unique constraint refuses a number given twice). Orders, placed
by many checkouts at once, take theirs from a counter instead:
orders.statements.next_order_number."""

from django.db.models import Max


def next_number(model, cooperative) -> int:
    return (model.objects.filter(cooperative=cooperative).aggregate(n=Max("number"))["n"] or 0) + 1
