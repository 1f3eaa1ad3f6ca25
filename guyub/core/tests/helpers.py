"""Small helpers shared by the core tests (fixtures live in conftest.py)."""

import datetime as dt
import json

from django_scopes import scope, scopes_disabled

from guyub.core import services
from guyub.core.forms import COOPERATIVE_FIELDS
from guyub.members.models import Member
from guyub.members.simpanan import services as simpanan
from guyub.testing.bookings import bookings_walk_world
from guyub.testing.catalog import catalog_world
from guyub.testing.contracts_disputes import dispute_pages_world
from guyub.testing.contracts_nego import negotiation_world
from guyub.testing.contracts_walk import contracts_walk_world
from guyub.testing.factories import MemberFactory
from guyub.testing.finance_members import shu_walk_world
from guyub.testing.finance_plans import plans_walk_world
from guyub.testing.governance_attendance import attendance_walk_world
from guyub.testing.governance_ballots import ballots_walk_world
from guyub.testing.governance_elections import governance_walk_world
from guyub.testing.governance_meetings import meetings_walk_world
from guyub.testing.loans import loans_walk_world
from guyub.testing.purchasing import purchasing_world
from guyub.testing.resources import resources_walk_world
from guyub.testing.sales import sales_world
from guyub.testing.support import support_walk_world
from guyub.testing.tenders import tender_world


def issue_token(cooperative, user, name="Aplikasi kasir"):
    """A token issued the way the board issues one; returns (token, key)."""
    with scopes_disabled():
        return services.issue_token(cooperative=cooperative, actor=None, user=user, name=name)


def api(client, method, path, payload=None, **extra):
    """Call the JSON API; a body, when given, is sent as JSON."""
    call = getattr(client, method.lower())
    if payload is None:
        return call(path, **extra)
    return call(path, data=json.dumps(payload, default=str), content_type="application/json",
                **extra)


def settings_form_data(cooperative, **changes) -> dict:
    """What the settings form posts when nothing is touched, plus `changes`."""
    data = {}
    for field in COOPERATIVE_FIELDS:
        value = getattr(cooperative, field)
        data[field] = "" if value is None else str(value)
    data.update({k: str(v) for k, v in changes.items()})
    return data


def build_world(cooperative, user, member_name):
    """One of everything a URL can point at in `cooperative`, owned by `user`."""
    member = MemberFactory(cooperative=cooperative, user=user, owner_name=member_name)
    applicant = MemberFactory(cooperative=cooperative, status=Member.Status.APPLICANT,
                              number=None)
    token, key = issue_token(cooperative, user, name=f"Token {cooperative.slug}")
    with scope(cooperative=cooperative):
        payment = simpanan.pay_wajib(member=member, actor=user, date=dt.date(2025, 1, 10),
                                     months=1)
        # An account with journal lines: it cannot be deleted, so it stays put while
        # the walk posts to every URL.
        account = payment.entry.lines.select_related("account").first().account
    return {"coop": cooperative, "user": user, "member": member, "applicant": applicant,
            "token": token, "key": key, "simpanan_tx": payment,
            "journal_entry": payment.entry, "account": account,
            # An order through the whole consignment path: shipment, payout, statement.
            **sales_world(cooperative, user, member),
            # Approved products, a certificate, a bundle, a category and a channel.
            **catalog_world(cooperative, user, member),
            # A sealed tender: `user` bid on it (their supplier record), a rival did not.
            **tender_world(cooperative, user),
            # A collective purchase round, closed and received, with `member`'s share.
            **purchasing_world(cooperative, user, member),
            # A contract: delivery 1 split, checked and invoiced; delivery 2 split.
            **contracts_walk_world(cooperative, user),
            # A delivered contract delivery: `user` is its buyer, `member` supplied part
            # of it, and the buyer complained about that part.
            **dispute_pages_world(cooperative, user, member),
            # The grade's set-up pages: the contract world's grade and an approval.
            **negotiation_world(cooperative, user),
            # An asset with `member`'s booking, a maintenance window, a waiting entry.
            **bookings_walk_world(cooperative, user, member),
            # Shared resources: the roaster (a photo, `member` trained), a spare asset to
            # retire, and `member`'s confirmed, charged booking of the roaster.
            **resources_walk_world(cooperative, user, member),
            # Member loans: `member` has an application waiting and a running loan.
            **loans_walk_world(cooperative, user, member),
            # A grant request of `member` waiting for the board; a help-board post of
            # `member` with a reply.
            **support_walk_world(cooperative, user, member),
            # governance: meetings — a draft RAT with two agenda items and a PDF.
            **meetings_walk_world(cooperative, user),
            # governance: attendance — a meeting called with `member` on its register,
            # and a document sent with it.
            **attendance_walk_world(cooperative, user, member),
            # governance: ballots — a meeting under way with `member` on its register
            # and a secret motion `member` voted in, closed.
            **ballots_walk_world(cooperative, user, member),
            # governance: decisions, elections, minutes. An open RAT with `member` on
            # its register, an election on it, the accounts approved by consensus.
            **governance_walk_world(cooperative, user, member),
            # finance: an SHU plan of 2025 proposed, with `member`'s share.
            **plans_walk_world(cooperative, user, member),
            # finance: `member`'s share of the posted SHU of 2025 (the walk's year).
            **shu_walk_world(cooperative, member)}
