"""Fixtures of the member page tests."""

import pytest


@pytest.fixture
def register(make_member):
    """Five members with numbers A-00001 … A-00005 and realistic phone numbers."""
    make_member(owner_name="Agus Salim", business_name="Kopi Merapi",
                phone="+6281234567890", nik="3404011501700001")
    make_member(owner_name="Budi Hartono", business_name="Batik Tulis Budi",
                phone="+6285722334455", nik="3471022002750002")
    make_member(owner_name="Citra Lestari", business_name="Keripik Citra",
                phone="+6281398765432", nik="3404014303800003")
    make_member(owner_name="Dewi Anggraini", business_name="Tenun Dewi",
                phone="+6287833221100", nik="3404016507850004")
    make_member(owner_name="Eko Prasetyo", business_name="Bakpia Eko",
                phone="+6282123232323", nik="3404011010900005")
