"""Input no column can hold is refused at the door (core/api_input.py for JSON bodies,
RefuseUnstorableInputMiddleware for URLs and forms): a 4xx naming the field, in the
user's language, and nothing written."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django_scopes import scopes_disabled

from guyub.members.models import SimpananTransaction
from guyub.testing.factories import MemberFactory

COOP = "/api/v1/cooperatives/maju"
NUL = "Karakter null tidak diizinkan."
SURROGATE = "Teks berisi kode Unicode yang tidak lengkap"


@pytest.fixture
def member(coop):
    return MemberFactory(cooperative=coop)


def send(client, method, path, raw_json: str):
    return getattr(client, method)(path, data=raw_json, content_type="application/json")


def field_errors(response, status=422) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"]
    return body["errors"]


def sukarela(note='"setoran"', amount="1000") -> str:
    return ('{"action": "deposit_sukarela", "date": "2025-02-01", '
            f'"amount": {amount}, "note": {note}}}')


def transactions(member) -> int:
    with scopes_disabled():
        return SimpananTransaction.objects.filter(member=member).count()


# --- JSON bodies ---------------------------------------------------------------------------


@pytest.mark.parametrize("method,path,field", [
    ("patch", COOP, "name"),
    ("patch", COOP + "/members/{member}", "owner_name"),
    ("post", COOP + "/members", "owner_name"),
])
@pytest.mark.parametrize("text,message", [("\\ud800", SURROGATE), ("Sri\\udfff", SURROGATE),
                                          ("a\\u0000b", NUL)])
def test_a_lone_surrogate_or_nul_in_a_json_string_is_422_naming_the_field(
        board_client, member, method, path, field, text, message):
    response = send(board_client, method, path.format(member=member.pk),
                    f'{{"{field}": "{text}"}}')
    assert message in field_errors(response)[field][0]


def test_a_nul_in_a_text_no_form_checks_is_refused_and_nothing_is_recorded(
        board_client, member):
    response = send(board_client, "post", f"{COOP}/members/{member.pk}/simpanan",
                    sukarela(note='"tunai\\u0000"'))
    assert field_errors(response)["note"] == [NUL]
    assert transactions(member) == 0


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-Infinity", "1e400",
                                    "1" + "0" * 5000, "1" + "0" * 60])
def test_numbers_that_are_not_numbers_or_absurdly_long_are_422(board_client, member, amount):
    response = send(board_client, "post", f"{COOP}/members/{member.pk}/simpanan",
                    sukarela(amount=amount))
    assert field_errors(response)["amount"]
    assert transactions(member) == 0


@pytest.mark.parametrize("number", [str(2**63), str(10**30), str(-(2**63) - 1), "1e30",
                                    '"99999999999999999999"'])
def test_an_id_past_any_integer_column_is_422_not_a_driver_overflow(board_client, coop,
                                                                     number):
    # The order's products are read with a hand-written statement (core/rows.py); the
    # database driver failed on an integer past 64 bits (a 500).
    response = send(board_client, "post", f"{COOP}/orders",
                    '{"items": [{"kind": "product", "id": ' + number + ', "quantity": 1}], '
                    '"buyer_name": "Sri", "phone": "081234567890"}')
    assert field_errors(response)["items.0.id"] in (["Angka terlalu besar."],
                                                    ["Maksimal 9223372036854775807."])


def test_a_nested_bad_value_is_named_by_its_path(board_client, coop):
    response = send(board_client, "post", "/api/v1/cooperatives/maju/orders",
                    '{"items": [{"kind": "product", "id": 1, "quantity": NaN}]}')
    assert "items.0.quantity" in field_errors(response)


@pytest.mark.parametrize("debug", [True, False])
def test_a_10_mb_body_is_a_json_413_in_indonesian_with_debug_on_or_off(
        board_client, member, settings, debug):
    settings.DEBUG = debug
    body = sukarela(note='"' + "x" * (10 * 1024 * 1024) + '"')
    response = send(board_client, "post", f"{COOP}/members/{member.pk}/simpanan", body)
    errors = field_errors(response, status=413)
    assert errors["__all__"] == ["Isi permintaan terlalu besar."]


def test_a_10_mb_form_body_on_the_api_is_a_json_413(board_client, member):
    response = board_client.post(f"{COOP}/members", data="x=" + "a" * (10 * 1024 * 1024),
                                 content_type="application/x-www-form-urlencoded")
    assert field_errors(response, status=413)["__all__"]


def test_pydantic_messages_are_in_the_users_language(board_client):
    response = send(board_client, "patch", COOP, '{"name": 12}')
    assert field_errors(response)["name"] == ["Harus berupa teks."]
    board_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = send(board_client, "patch", COOP, '{"name": 12}')
    assert field_errors(response)["name"] == ["Must be text."]


def test_an_error_type_without_its_own_words_is_still_not_pydantics_english():
    from guyub.core.api_messages import indonesian

    message = indonesian({"type": "url_parsing", "msg": "Input should be a valid URL"})
    assert message == "Nilai tidak valid."


# --- query parameters ----------------------------------------------------------------------


@pytest.mark.parametrize("query,field", [
    ("date_from=2026-02-30", "date_from"),
    ("date_from=2025-01-01", "date_from"),
    ("start=2026-02-30", "start"),
    ("end=0000-01-01", "end"),
])
def test_the_ledger_refuses_an_unknown_or_impossible_date_filter(board_client, query, field):
    response = board_client.get(f"{COOP}/ledger/entries?{query}")
    errors = field_errors(response)
    assert errors[field]


def test_an_unknown_filter_names_the_known_ones(board_client):
    response = board_client.get(f"{COOP}/ledger/entries?date_from=2025-01-01")
    assert "start" in field_errors(response)["date_from"][0]


def test_known_filters_still_work(board_client):
    response = board_client.get(f"{COOP}/ledger/entries?start=2025-01-01&end=2025-12-31&page=1")
    assert response.status_code == 200, response.content


# --- URLs and forms ------------------------------------------------------------------------


def test_a_nul_in_the_query_string_is_an_indonesian_400_page(board_client, coop):
    response = board_client.get(reverse("members:list", args=[coop.slug]) + "?q=a%00")
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()


def test_a_nul_in_an_api_query_string_is_a_json_422_naming_it(board_client, coop):
    response = board_client.get(f"{COOP}/members?q=a%00")
    assert field_errors(response)["q"] == [NUL]


def test_a_nul_in_the_path_is_404(board_client, coop, member):
    assert board_client.get(f"/k/{coop.slug}%00/anggota/").status_code == 404
    response = board_client.get(f"{COOP}%00/members")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_nul_in_a_form_field_is_refused_and_nothing_changes(board_client, coop):
    url = reverse("core:settings", args=[coop.slug])
    response = board_client.post(url, {"name": "Koperasi\x00Baru"})
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()
    coop.refresh_from_db()
    assert coop.name == "Koperasi Produsen Maju Bersama"


def test_a_too_big_form_on_a_page_is_an_indonesian_400_page(board_client, coop, settings):
    settings.DEBUG = False
    url = reverse("core:settings", args=[coop.slug])
    response = board_client.post(url, data="name=" + "a" * (10 * 1024 * 1024),
                                 content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()


def test_the_openapi_schema_documents_the_413_of_every_operation_with_a_body(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    missing = [f"{method} {path}" for path, item in paths.items()
               for method, operation in item.items()
               if "requestBody" in operation and "413" not in operation["responses"]]
    assert missing == []


def test_an_in_lookup_with_an_id_past_the_column_finds_nothing(coop, member):
    from guyub.members.models import Member

    with scopes_disabled():
        found = Member.objects.filter(pk__in=[member.pk, 10**20, -(10**20)])
        assert list(found) == [member]
        assert not Member.objects.filter(pk__in=[10**20]).exists()


@pytest.mark.parametrize("method,path,status", [
    ("put", COOP, 405),
    ("delete", COOP + "/members", 405),
    ("get", "/api/v1/tidak-ada", 404),
])
def test_a_refusal_outside_any_operation_is_json_too(board_client, method, path, status):
    response = getattr(board_client, method)(path)
    assert field_errors(response, status=status)["__all__"]


def test_a_multipart_body_without_a_boundary_is_a_json_400(board_client, member):
    response = board_client.post(f"{COOP}/members/{member.pk}/simpanan", data=b"x",
                                  content_type="multipart/form-data")
    assert field_errors(response, status=400)["__all__"]
