"""The demo cooperative: a realistic producer cooperative in Sleman with about 40
members, its officers' and partners' logins, and what each app contributes (its
AppConfig's `demo` hook: members, then sales, purchasing, contracts, resources
and support).

Everything is created through the same services the pages use, with fixed random
seeds, so the demo looks the same on every machine. Loading twice adds nothing: the
cooperative's slug marks it as loaded.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django_scopes import scope

from guyub.core.contributions import contributions
from guyub.core.models import Cooperative, CoopRole
from guyub.core.roles import Role

DEMO_SLUG = "maju-bersama"
DEMO_PASSWORD = "guyub-demo-2026"

LOGINS = [
    ("pengurus@demo.guyub.id", "Hendra Wijaya", Role.BOARD),
    ("pengawas@demo.guyub.id", "Sri Lestari", Role.SUPERVISOR),
    ("staf@demo.guyub.id", "Agus Setiawan", Role.STAFF),
    # The buyer login is the contact person of a shop buying wholesale; sales/demo.py
    # links her buyer record (business) to this account.
    ("pembeli@demo.guyub.id", "Ratna Sari", Role.BUYER),
    ("pemasok@demo.guyub.id", "CV Sumber Kemasan", Role.SUPPLIER),
    # The corporate buyer login: the purchasing contact of a hotel buying under supply
    # contracts; contracts/demo.py saves its business profile and its contracts.
    ("korporat@demo.guyub.id", "Rina Kartika", Role.BUYER),
]
# The member login is created by members/demo.py, as an approved application.
MEMBER_LOGIN = "anggota@demo.guyub.id"
BUYER_LOGIN = "pembeli@demo.guyub.id"
CORPORATE_LOGIN = "korporat@demo.guyub.id"


@transaction.atomic
def load_demo(stdout=None) -> bool:
    """Create the demo cooperative. Return False (and change nothing) if it exists."""
    if Cooperative.objects.filter(slug=DEMO_SLUG).exists():
        return False
    coop = Cooperative.objects.create(
        name="Koperasi Produsen UMKM Maju Bersama", slug=DEMO_SLUG,
        legal_entity_number="AHU-0004127.AH.01.26.TAHUN 2019", nik_koperasi="3404010020190001",
        coop_type=Cooperative.Type.PRODUCER, province="34", regency="Sleman",
        address="Jl. Kaliurang Km 9,5, Ngaglik, Sleman", founded_on=dt.date(2019, 3, 12),
        simpanan_pokok_amount=Decimal("100000"), simpanan_wajib_amount=Decimal("25000"),
        # Where storefront buyers transfer to (a made-up 15-digit BRI number).
        bank_name="Bank BRI", bank_account_number="024501001873302",
        bank_account_holder="Koperasi Produsen UMKM Maju Bersama",
    )
    users = get_user_model().objects
    board = None
    for email, name, role in LOGINS:
        first, _, last = name.partition(" ")
        user = users.create_user(username=email, email=email, password=DEMO_PASSWORD,
                                 first_name=first, last_name=last)
        CoopRole.objects.create(user=user, cooperative=coop, role=role)
        board = board or user
    with scope(cooperative=coop):
        summary = [line for load in contributions("demo") if (line := load(coop, board))]
    if stdout:
        stdout.write("Demo cooperative created"
                     + (f" with {', '.join(summary)}." if summary else "."))
    return True
