"""A member's side of contract deliveries: what the cooperative owes them and when it
pays at the latest, what it paid, their goods received notes, and the year's contract
business with the cooperative."""

import datetime as dt

from django.shortcuts import render
from django.utils import timezone

from guyub.core.tenancy import coop_view
from guyub.members.models import Member

from . import selectors
from .models import MemberPayment


@coop_view("contracts.supply")
def my_contract_payments(request):
    member = Member.objects.filter(user=request.user).first()
    today = timezone.localdate()
    payments = list(selectors.member_payments(member)) if member else []
    quantity, amount = (selectors.member_contract_volume(
        member, dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
        if member else (0, 0))
    due = [p for p in payments if p.status == MemberPayment.Status.DUE]
    return render(request, "contracts/deliveries/my_payments.html", {
        "member": member, "due": due,
        "paid": [p for p in payments if p.status == MemberPayment.Status.PAID],
        "owed": sum(p.amount for p in due), "today": today,
        "receipts": list(selectors.member_receipts(member)[:100]) if member else [],
        "year": today.year, "volume_quantity": quantity, "volume_amount": amount})
