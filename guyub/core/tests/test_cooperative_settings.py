"""The board edits the cooperative's profile and by-law (AD/ART) parameters."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from guyub.core import services
from guyub.core.models import SHU_FIELDS, AuditLog, Cooperative

from .helpers import api, settings_form_data

SHU_ERROR_99 = "Pembagian SHU harus berjumlah tepat 100%; sekarang 99%."


def settings_url(coop):
    return f"/k/{coop.slug}/pengaturan/"


def api_url(coop):
    return f"/api/v1/cooperatives/{coop.slug}"


def reloaded(coop):
    return Cooperative.objects.get(pk=coop.pk)


def audit_entries(coop, action="cooperative.updated"):
    with scopes_disabled():
        return list(AuditLog.objects.filter(cooperative=coop, action=action))


def test_the_defaults_split_the_surplus_into_exactly_100_percent(coop):
    assert coop.shu_total_pct() == 100


def test_the_settings_page_shows_the_current_values(board_client, coop):
    response = board_client.get(settings_url(coop))
    assert response.status_code == 200
    assert "Pengaturan koperasi" in response.content.decode()
    assert response.context["form"].initial["name"] == coop.name


def test_the_page_refuses_shu_percentages_that_do_not_add_up_to_100(board_client, coop):
    response = board_client.post(settings_url(coop), settings_form_data(
        coop, shu_reserve_pct="39", name="Nama Yang Tidak Tersimpan"))
    assert response.status_code == 200
    assert SHU_ERROR_99 in response.content.decode()
    fresh = reloaded(coop)
    assert fresh.shu_reserve_pct == Decimal("40")
    assert fresh.name == "Koperasi Produsen Maju Bersama"
    assert audit_entries(coop) == []


def test_a_refused_change_is_not_shown_as_if_it_were_saved(board_client, coop):
    response = board_client.post(settings_url(coop), settings_form_data(
        coop, shu_reserve_pct="39", name="Nama Yang Tidak Tersimpan"))
    page = response.content.decode()
    # The form keeps what was typed, but the header still names the saved cooperative.
    assert '<span class="coop-name">Koperasi Produsen Maju Bersama</span>' in page
    assert 'value="Nama Yang Tidak Tersimpan"' in page


def test_the_page_refuses_a_total_over_100_too(board_client, coop):
    response = board_client.post(settings_url(coop), settings_form_data(coop, shu_area_pct="1"))
    assert "sekarang 101%" in response.content.decode()
    assert reloaded(coop).shu_area_pct == 0


def test_a_valid_change_is_saved_and_audited_with_what_changed(board_client, board, coop):
    response = board_client.post(settings_url(coop), settings_form_data(
        coop, name="Koperasi Produsen Maju Jaya", shu_reserve_pct="35", shu_social_pct="7.5"))
    assert response.status_code == 302
    assert response["Location"] == settings_url(coop)
    fresh = reloaded(coop)
    assert fresh.name == "Koperasi Produsen Maju Jaya"
    assert fresh.shu_reserve_pct == Decimal("35")
    assert fresh.shu_social_pct == Decimal("7.5")

    [entry] = audit_entries(coop)
    assert entry.actor == board
    changes = entry.data["changes"]
    assert set(changes) == {"name", "shu_reserve_pct", "shu_social_pct"}
    assert changes["name"] == ["Koperasi Produsen Maju Bersama", "Koperasi Produsen Maju Jaya"]
    assert [Decimal(v) for v in changes["shu_reserve_pct"]] == [40, 35]

    followed = board_client.get(response["Location"])
    assert "Pengaturan koperasi disimpan." in followed.content.decode()


def test_saving_without_changes_writes_no_audit_entry(board_client, coop):
    response = board_client.post(settings_url(coop), settings_form_data(coop))
    assert response.status_code == 302
    assert audit_entries(coop) == []


def test_percentages_with_decimals_that_add_up_exactly_are_accepted(board_client, coop):
    split = dict.fromkeys(SHU_FIELDS, "0") | {
        "shu_reserve_pct": "33.33", "shu_capital_pct": "33.33", "shu_business_pct": "33.34"}
    response = board_client.post(settings_url(coop), settings_form_data(coop, **split))
    assert response.status_code == 302
    assert reloaded(coop).shu_total_pct() == 100


@pytest.mark.parametrize("nik", ["12345", "12345678901234567", "34040112ab345678",
                                 "3404 0112 3456"])
def test_the_nik_koperasi_must_be_16_digits(board_client, coop, nik):
    response = board_client.post(settings_url(coop), settings_form_data(coop, nik_koperasi=nik))
    assert response.status_code == 200
    assert response.context["form"].errors["nik_koperasi"]
    assert reloaded(coop).nik_koperasi == ""


def test_a_16_digit_nik_koperasi_is_saved(board_client, coop):
    response = board_client.post(settings_url(coop),
                                 settings_form_data(coop, nik_koperasi="3404012345678901"))
    assert response.status_code == 302
    assert reloaded(coop).nik_koperasi == "3404012345678901"


def test_a_wrong_nik_koperasi_is_explained_in_indonesian(board_client, coop):
    response = board_client.post(settings_url(coop), settings_form_data(coop, nik_koperasi="123"))
    assert "NIK koperasi harus 16 digit angka." in response.content.decode()


def test_the_board_sets_the_day_simpanan_wajib_falls_due(board_client, coop):
    assert coop.simpanan_wajib_due_day == 10
    response = board_client.post(settings_url(coop),
                                 settings_form_data(coop, simpanan_wajib_due_day="25"))
    assert response.status_code == 302
    assert reloaded(coop).simpanan_wajib_due_day == 25


@pytest.mark.parametrize("day", ["0", "29", "31"])
def test_a_due_day_that_not_every_month_has_is_refused(board_client, coop, day):
    response = board_client.post(settings_url(coop),
                                 settings_form_data(coop, simpanan_wajib_due_day=day))
    assert response.status_code == 200
    assert response.context["form"].errors["simpanan_wajib_due_day"]
    assert reloaded(coop).simpanan_wajib_due_day == 10


# --- API --------------------------------------------------------------------------------


def test_the_api_refuses_shu_percentages_that_do_not_add_up_with_422(board_client, coop):
    response = api(board_client, "patch", api_url(coop), {"shu_reserve_pct": "41"})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    assert "sekarang 101%" in " ".join(m for msgs in body["errors"].values() for m in msgs)
    assert reloaded(coop).shu_reserve_pct == 40
    assert audit_entries(coop) == []


def test_the_api_patch_keeps_the_fields_it_does_not_send(board_client, board, coop):
    response = api(board_client, "patch", api_url(coop),
                   {"shu_reserve_pct": 30, "shu_capital_pct": 30, "regency": "Bantul"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["regency"] == "Bantul"
    assert body["name"] == "Koperasi Produsen Maju Bersama"
    assert Decimal(body["shu_reserve_pct"]) == 30
    [entry] = audit_entries(coop)
    assert entry.actor == board
    assert set(entry.data["changes"]) == {"shu_reserve_pct", "shu_capital_pct", "regency"}


def test_the_api_refuses_a_short_nik_koperasi_with_the_field_named(board_client, coop):
    response = api(board_client, "patch", api_url(coop), {"nik_koperasi": "12345"})
    assert response.status_code == 422
    assert response.json()["errors"]["nik_koperasi"] == ["NIK koperasi harus 16 digit angka."]


# --- the rule holds below the form too ---------------------------------------------------


def test_the_service_refuses_a_split_that_does_not_add_up(coop, board):
    with scope(cooperative=coop), pytest.raises(ValidationError):
        services.update_cooperative(cooperative=coop, actor=board,
                                    data={"shu_reserve_pct": Decimal("50")})
    assert reloaded(coop).shu_reserve_pct == 40
    assert audit_entries(coop) == []


def test_the_model_refuses_a_split_that_does_not_add_up(coop):
    coop.shu_area_pct = Decimal("0.01")
    with pytest.raises(ValidationError, match="sekarang 100.01%"):
        coop.full_clean()
