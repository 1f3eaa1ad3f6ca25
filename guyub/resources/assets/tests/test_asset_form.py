"""Registering and editing an asset: what is typed is checked within the columns, a
refusal says why in Indonesian and saves nothing."""

import pytest
from django_scopes import scopes_disabled

from guyub.resources.assets.models import Asset

VALID = {"name": "Sealer kemasan", "kind": "equipment", "location": "Gudang",
         "description": "", "usage_rules": "Matikan setelah dipakai.", "units": "1",
         "unit_label": "", "fee_basis": "hour", "member_rate": "Rp 20.000",
         "non_member_rate": "35.000", "deposit": "0", "required_training": "",
         "free_cancel_hours": "24", "weekly_cap_hours": "", "maintenance_every_days": "",
         "last_maintained_on": ""}


def url(coop, suffix="baru/"):
    return f"/k/{coop.slug}/sumber-daya/aset/{suffix}"


def count():
    with scopes_disabled():
        return Asset.objects.count()


def test_staff_register_an_asset_with_rupiah_as_typed(staff_client, coop):
    response = staff_client.post(url(coop), VALID)
    assert response.status_code == 302
    with scopes_disabled():
        asset = Asset.objects.get(name="Sealer kemasan")
    assert (asset.member_rate, asset.non_member_rate) == (20000, 35000)
    assert asset.cooperative == coop
    page = staff_client.get(response["Location"]).content.decode()
    assert "Rp20.000" in page and "Matikan setelah dipakai." in page


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "tidak boleh kosong"),
    ("member_rate", "1" + "0" * 12, "paling banyak"),
    ("member_rate", "99999999999999999999", "paling banyak"),
    ("non_member_rate", "-5000", "tidak boleh negatif"),
    ("deposit", "12.500,50", "tanpa sen"),
    ("member_rate", "NaN", "dengan angka"),
    ("units", "0", "paling sedikit 1"),
    ("units", "1001", "paling banyak 1000"),
    ("units", "99999999999999999999", "paling banyak 1000"),
    ("free_cancel_hours", "-1", ""),
    ("weekly_cap_hours", "0", ""),
    ("last_maintained_on", "2026-02-30", ""),
    ("last_maintained_on", "2999-01-01", "masa depan"),
    ("kind", "rocket", ""),
])
def test_bad_input_is_refused_and_nothing_saved(staff_client, coop, field, value, message):
    response = staff_client.post(url(coop), {**VALID, field: value})
    assert response.status_code == 200
    assert count() == 0
    errors = response.context["form"].errors
    assert field in errors, errors
    if message:
        assert message in " ".join(errors[field]), errors[field]


def test_a_nul_character_is_refused_at_the_door(staff_client, coop):
    response = staff_client.post(url(coop), {**VALID, "name": "Sealer\x00"})
    assert response.status_code == 400
    assert count() == 0


def test_a_divisible_asset_needs_its_unit_name(staff_client, coop):
    response = staff_client.post(url(coop), {**VALID, "units": "6"})
    assert "unit_label" in response.context["form"].errors
    assert staff_client.post(url(coop), {**VALID, "units": "6", "unit_label": "rak"}) \
        .status_code == 302


def test_a_name_is_used_once_per_cooperative(staff_client, coop, machine, other_coop):
    from guyub.testing.resources import roaster

    roaster(other_coop, name="Sealer kemasan")  # another cooperative's: no clash
    assert staff_client.post(url(coop), VALID).status_code == 302
    again = staff_client.post(url(coop), {**VALID, "name": "sealer KEMASAN"})
    assert "sudah dipakai" in " ".join(again.context["form"].errors["name"])


def test_edit_and_retire_an_asset(staff_client, coop, machine):
    edited = staff_client.post(url(coop, f"{machine.pk}/ubah/"),
                               {**VALID, "name": machine.name, "member_rate": "60.000"})
    assert edited.status_code == 302
    staff_client.post(url(coop, f"{machine.pk}/nonaktifkan/"))
    with scopes_disabled():
        machine.refresh_from_db()
    assert machine.member_rate == 60000 and not machine.active
    listing = staff_client.get(url(coop, "")).content.decode()
    assert machine.name not in listing
    assert machine.name in staff_client.get(url(coop, "") + "?semua=1").content.decode()
    staff_client.post(url(coop, f"{machine.pk}/aktifkan/"))
    with scopes_disabled():
        machine.refresh_from_db()
    assert machine.active


def test_a_member_reads_an_assets_page_but_cannot_edit_it(client, coop, machine, tani):
    client.force_login(tani.user)
    page = client.get(f"/k/{coop.slug}/saya/sumber-daya/aset/{machine.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Rp50.000" in text and "Pelatihan sangrai dasar" in text
    assert "Rp80.000" not in text  # the non-member rate is the officers' business
    assert "Bersihkan silinder" in text and 'id="not-trained"' in text
    assert client.get(url(coop, f"{machine.pk}/ubah/")).status_code == 403
    assert client.post(url(coop), VALID).status_code == 403
    assert count() == 1


def test_a_retired_asset_has_no_member_page(client, coop, machine, tani, board):
    from django_scopes import scope

    from guyub.resources.assets import services

    with scope(cooperative=coop):
        services.set_active(asset=machine, actor=board, active=False)
    client.force_login(tani.user)
    assert client.get(f"/k/{coop.slug}/saya/sumber-daya/aset/{machine.pk}/").status_code == 404
