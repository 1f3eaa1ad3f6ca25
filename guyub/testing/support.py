"""Test worlds of mutual support: the solidarity fund (people with their roles, a fund
with money in it) and the help board, and the records the permission and tenant walks
point at."""

import datetime as dt
from decimal import Decimal

from django.test import Client
from django_scopes import scope

from guyub.core.roles import Role
from guyub.ledger.models import JournalEntry
from guyub.members.simpanan import services as simpanan
from guyub.support.helpboard import services as helpboard
from guyub.support.solidarity import selectors as fund_selectors
from guyub.support.solidarity import services as fund
from guyub.testing.factories import CoopRoleFactory, MemberFactory, UserFactory

TODAY = dt.date.today


def member_with_login(cooperative, name: str, **fields):
    """An active member with their own login holding the member role."""
    user = UserFactory()
    CoopRoleFactory(user=user, cooperative=cooperative, role=Role.MEMBER)
    return MemberFactory(cooperative=cooperative, user=user, owner_name=name, **fields)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def contribute(cooperative, actor, amount, *, source="donor", method="cash", member=None,
               donor_name="Yayasan Peduli", date=None):
    with scope(cooperative=cooperative):
        return fund.record_contribution(
            cooperative=cooperative, actor=actor, source=source, method=method,
            amount=Decimal(amount), date=date or TODAY(), member=member,
            donor_name=donor_name if source == "donor" else "")


def approved_grant(cooperative, member, *, requester, decider, amount, approve_amount=None):
    with scope(cooperative=cooperative):
        grant = fund.request_grant(member=member, actor=requester, category="fire",
                                   amount=Decimal(amount), reason="Bengkel terbakar")
        return fund.decide_grant(grant=grant, actor=decider, approve=True, note="Layak",
                                 amount=approve_amount)


def fund_world(cooperative, board) -> dict:
    """A board member (`board`), a second board member, staff, two members with logins
    (Sari has Rp 500.000 in sukarela), and Rp 1.000.000 from a donor in the fund."""
    other_board, staff = UserFactory(), UserFactory()
    CoopRoleFactory(user=other_board, cooperative=cooperative, role=Role.BOARD)
    CoopRoleFactory(user=staff, cooperative=cooperative, role=Role.STAFF)
    sari = member_with_login(cooperative, "Sari Wulandari")
    budi = member_with_login(cooperative, "Budi Santoso")
    with scope(cooperative=cooperative):
        simpanan.deposit_sukarela(member=sari, actor=staff, date=TODAY(),
                                  amount=Decimal(500_000))
    contribute(cooperative, staff, 1_000_000)
    return {"board": board, "other_board": other_board, "staff": staff, "sari": sari,
            "budi": budi}


def fund_balance(cooperative) -> Decimal:
    with scope(cooperative=cooperative):
        return fund_selectors.fund_balance(cooperative)


def ledger_balanced(cooperative) -> bool:
    """Every entry of the cooperative balances (debits equal credits)."""
    with scope(cooperative=cooperative):
        for entry in JournalEntry.objects.filter(cooperative=cooperative).prefetch_related("lines"):
            lines = list(entry.lines.all())
            if sum(x.debit for x in lines) != sum(x.credit for x in lines):
                return False
    return True


def support_walk_world(cooperative, user, member) -> dict:
    """For the permission and tenant walks: a grant request of `member` (entered by
    `user`) waiting for the board, and a help-board post of `member` with a reply."""
    with scope(cooperative=cooperative):
        grant = fund.request_grant(member=member, actor=user, category="illness",
                                   amount=Decimal(750_000), reason="Dirawat di rumah sakit")
        post = helpboard.create_post(author=member, actor=user, kind="need",
                                     category="ride", title="Tumpangan ke pasar Beringharjo",
                                     text="Setiap Sabtu pagi, dua karung.")
        reply = helpboard.reply(post=post, author=member, actor=user, text="Masih perlu.")
    return {"solidarity_grant": grant, "help_post": post, "help_reply": reply}
