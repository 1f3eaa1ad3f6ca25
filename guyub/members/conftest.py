"""Fixtures of the members tests (the shared ones live in the root conftest.py)."""

import pytest

from guyub.core.roles import Role
from guyub.testing.factories import MemberFactory


@pytest.fixture
def staff(coop, make_user):
    return make_user(coop, Role.STAFF)


@pytest.fixture
def make_member(coop):
    """An active member of `coop` (or of the cooperative given), numbered from the
    cooperative's counter the way the services number them."""

    def make(cooperative=None, **kwargs):
        cooperative = cooperative or coop
        if "number" not in kwargs:
            if kwargs.get("status", "active") == "applicant":
                kwargs.update(number=None, join_date=None)
            else:
                cooperative.last_member_number += 1
                cooperative.save(update_fields=["last_member_number"])
                kwargs["number"] = cooperative.last_member_number
        return MemberFactory(cooperative=cooperative, **kwargs)

    return make


@pytest.fixture
def profile():
    """A complete, valid profile as the services take it (already cleaned)."""
    return {
        "owner_name": "Sri Wahyuni",
        "nik": "3404015703800002",
        "business_name": "Keripik Tempe Bu Sri",
        "nib": "9120001234567",
        "phone": "+6281398765432",
        "email": "sri@contoh.id",
        "address": "Jl. Kaliurang Km 7",
        "province": "34",
        "regency": "Sleman",
        "sector": "makanan_ringan",
        "workers": 4,
        "business_capital": None,
        "annual_sales": None,
    }


@pytest.fixture
def form_data(profile):
    """The same profile as a person types it into the member form."""
    return {**profile, "phone": "0813-9876-5432", "business_capital": "75000000",
            "annual_sales": "400000000"}

