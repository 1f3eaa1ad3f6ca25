"""/api/v1/cooperatives/<slug>/members with Bearer tokens."""

import datetime as dt

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.models import AuditLog, CoopRole
from guyub.core.roles import Role
from guyub.core.services import issue_token, revoke_token
from guyub.members.models import Member, StatusChange

pytestmark = pytest.mark.django_db

TODAY = dt.date.today().isoformat()


def members_url(coop, *rest):
    return "/".join([f"/api/v1/cooperatives/{coop.slug}/members", *map(str, rest)])


def token_for(user, cooperative, actor=None):
    with scope(cooperative=cooperative):
        _token, key = issue_token(cooperative=cooperative, actor=actor or user, user=user,
                                  name="Aplikasi uji")
    return key


class Api:
    """The test client with a Bearer token and JSON bodies."""

    def __init__(self, client, key):
        self.client, self.headers = client, {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def get(self, path, params=None):
        return self.client.get(path, params or {}, **self.headers)

    def post(self, path, body):
        return self.client.post(path, body, content_type="application/json", **self.headers)

    def patch(self, path, body):
        return self.client.patch(path, body, content_type="application/json", **self.headers)


@pytest.fixture
def api(client, coop, board):
    return Api(client, token_for(board, coop))


@pytest.fixture
def payload():
    return {"owner_name": "Sri Wahyuni", "nik": "3404015703800002",
            "business_name": "Keripik Tempe Bu Sri", "phone": "0813-9876-5432",
            "province": "34", "regency": "Sleman", "sector": "makanan_ringan",
            "business_capital": "75000000", "annual_sales": 400000000,
            "join_date": "2018-05-02"}


def names(response):
    return [m["owner_name"] for m in response.json()["items"]]


# --- reading ------------------------------------------------------------------------

def test_it_lists_the_register_with_the_page_filters(api, coop, make_member):
    make_member(owner_name="Agus Salim", sector="kopi", phone="+6281234567890")
    make_member(owner_name="Budi Hartono", sector="batik")
    make_member(owner_name="Citra Lestari", sector="kopi", status=Member.Status.EXITED)
    make_member(owner_name="Dewi Pemohon", status=Member.Status.APPLICANT)

    everyone = api.get(members_url(coop))
    assert everyone.status_code == 200
    assert names(everyone) == ["Agus Salim", "Budi Hartono", "Citra Lestari"]
    assert names(api.get(members_url(coop), {"sector": "kopi", "status": "active"})) == [
        "Agus Salim"]
    assert names(api.get(members_url(coop), {"status": "applicant"})) == ["Dewi Pemohon"]
    assert names(api.get(members_url(coop), {"q": "0812-3456-7890"})) == ["Agus Salim"]
    assert names(api.get(members_url(coop), {"q": "A-00002"})) == ["Budi Hartono"]


def test_it_returns_the_fields_a_client_needs(api, coop, make_member):
    member = make_member(owner_name="Agus Salim", nik="3404011501700001")
    [item] = api.get(members_url(coop)).json()["items"]
    assert item["id"] == member.pk
    assert (item["number"], item["display_number"], item["status"]) == (1, "A-00001", "active")
    assert (item["nik"], item["province"], item["province_name"]) == (
        "3404011501700001", "34", "DI Yogyakarta")
    assert item["scale"] == "mikro"


def test_it_pages_the_register(api, coop, make_member):
    for i in range(7):
        make_member(owner_name=f"Anggota {i}")
    first = api.get(members_url(coop), {"page_size": 3}).json()
    last = api.get(members_url(coop), {"page_size": 3, "page": 3}).json()
    assert (first["count"], first["pages"], first["page"]) == (7, 3, 1)
    assert [m["owner_name"] for m in first["items"]] == ["Anggota 0", "Anggota 1", "Anggota 2"]
    assert (last["page"], [m["owner_name"] for m in last["items"]]) == (3, ["Anggota 6"])


@pytest.mark.parametrize("params", [{"page_size": 0}, {"page_size": 501}, {"page": 0},
                                    {"status": "hilang"}])
def test_it_refuses_wrong_list_parameters_with_422(api, coop, params):
    response = api.get(members_url(coop), params)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == set(params)


def test_it_reads_one_member(api, coop, make_member):
    member = make_member(owner_name="Agus Salim")
    response = api.get(members_url(coop, member.pk))
    assert response.status_code == 200 and response.json()["owner_name"] == "Agus Salim"
    assert api.get(members_url(coop, member.pk + 1000)).status_code == 404


# --- writing ------------------------------------------------------------------------

def test_it_registers_a_member_as_active_with_the_next_number(api, coop, board, make_member,
                                                              payload):
    make_member()
    response = api.post(members_url(coop), payload)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["number"], body["display_number"]) == ("active", 2, "A-00002")
    assert (body["phone"], body["scale"], body["join_date"]) == (
        "+6281398765432", "mikro", "2018-05-02")
    with scopes_disabled():
        member = Member.objects.get(pk=body["id"])
        assert AuditLog.objects.get(action="member.registered").actor == board
    assert member.owner_name == "Sri Wahyuni"


@pytest.mark.parametrize("changes, errors", [
    ({"nik": "3404013201700001"}, {"nik": ["Bagian tanggal lahir pada NIK (digit 7–12) "
                                           "tidak masuk akal."]}),
    ({"phone": "0812", "nib": "12"}, {"phone": ["Nomor telepon tidak valid."],
                                      "nib": ["NIB harus 13 digit angka (dari OSS)."]}),
    ({"owner_name": "   "}, {"owner_name": ["Bidang ini tidak boleh kosong."]}),
    ({"sector": "tambang"}, {"sector": ["Masukkan pilihan yang valid. tambang bukan salah "
                                        "satu dari pilihan yang tersedia."]}),
    ({"join_date": "2999-01-01"}, {"join_date": ["Tanggal bergabung tidak boleh di masa "
                                                 "depan."]}),
])
def test_an_invalid_member_is_refused_with_field_messages_in_indonesian(api, coop, payload,
                                                                       changes, errors):
    response = api.post(members_url(coop), {**payload, **changes})
    assert response.status_code == 422
    assert response.json() == {"detail": "Data tidak valid.", "errors": errors}
    with scopes_disabled():
        assert not Member.objects.exists()


def test_a_duplicate_nik_is_refused(api, coop, payload, make_member):
    make_member(nik=payload["nik"])
    response = api.post(members_url(coop), payload)
    assert response.status_code == 422
    assert response.json()["errors"] == {"nik": ["NIK ini sudah terdaftar di koperasi ini."]}


def test_a_missing_field_is_explained_in_indonesian(api, coop, payload):
    del payload["owner_name"]
    response = api.post(members_url(coop), payload)
    assert response.status_code == 422
    assert response.json()["errors"] == {"owner_name": ["Bidang ini tidak boleh kosong."]}


def test_a_malformed_body_is_refused_per_field(api, coop, payload):
    response = api.post(members_url(coop), {**payload, "workers": "banyak"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["workers"]


def test_a_patch_changes_only_the_fields_sent(api, coop, make_member):
    member = make_member(owner_name="Agus Salim", phone="+6281234567890",
                         nib="9120001234567", regency="Sleman")
    response = api.patch(members_url(coop, member.pk), {"regency": "Bantul",
                                                        "annual_sales": 3_000_000_000})
    assert response.status_code == 200, response.json()
    member.refresh_from_db()
    assert (member.regency, member.scale) == ("Bantul", "kecil")
    assert (member.owner_name, member.phone, member.nib, member.number) == (
        "Agus Salim", "+6281234567890", "9120001234567", 1)
    assert member.business_capital == 50_000_000


def test_a_patch_with_a_wrong_value_changes_nothing(api, coop, make_member):
    member = make_member(regency="Sleman")
    response = api.patch(members_url(coop, member.pk), {"regency": "Bantul", "nik": "1"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["nik"]
    member.refresh_from_db()
    assert member.regency == "Sleman"


def test_a_patch_cannot_change_the_status_or_number(api, coop, make_member):
    member = make_member(status=Member.Status.APPLICANT)
    response = api.patch(members_url(coop, member.pk), {"status": "active", "number": 99})
    assert response.status_code == 200
    member.refresh_from_db()
    assert (member.status, member.number) == ("applicant", None)


# --- lifecycle ----------------------------------------------------------------------

def test_the_board_approves_an_application(api, coop, board, make_member):
    applicant = make_member(status=Member.Status.APPLICANT)
    response = api.post(members_url(coop, applicant.pk, "status"),
                        {"status": "active", "date": TODAY})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["number"]) == ("active", 1)
    with scopes_disabled():
        assert StatusChange.objects.get(member=applicant).actor == board


def test_the_board_rejects_an_application_with_a_reason(api, coop, make_member):
    applicant = make_member(status=Member.Status.APPLICANT)
    without = api.post(members_url(coop, applicant.pk, "status"),
                       {"status": "rejected", "date": TODAY})
    assert without.status_code == 400
    assert without.json()["errors"] == {"reason": ["Alasan wajib diisi."]}
    response = api.post(members_url(coop, applicant.pk, "status"),
                        {"status": "rejected", "date": TODAY, "reason": "Di luar wilayah"})
    assert response.status_code == 200 and response.json()["status"] == "rejected"


def test_an_illegal_transition_is_a_conflict(api, coop, make_member):
    member = make_member(status=Member.Status.EXITED)
    response = api.post(members_url(coop, member.pk, "status"),
                        {"status": "active", "date": TODAY})
    assert response.status_code == 409
    assert response.json()["detail"] == "Status Keluar tidak dapat diubah menjadi Aktif."
    member.refresh_from_db()
    assert member.status == "exited"


@pytest.mark.parametrize("body, field", [
    ({"status": "applicant", "date": TODAY}, "status"),
    ({"status": "active", "date": "kemarin"}, "date"),
])
def test_a_wrong_status_request_is_refused_with_422(api, coop, make_member, body, field):
    applicant = make_member(status=Member.Status.APPLICANT)
    response = api.post(members_url(coop, applicant.pk, "status"), body)
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_staff_may_register_but_not_approve(client, coop, staff, make_member, payload):
    api = Api(client, token_for(staff, coop))
    applicant = make_member(status=Member.Status.APPLICANT)
    assert api.post(members_url(coop), payload).status_code == 201
    response = api.post(members_url(coop, applicant.pk, "status"),
                        {"status": "active", "date": TODAY})
    assert response.status_code == 403
    assert response.json() == {"detail": "Anda tidak berhak melakukan ini."}


def test_a_supervisor_reads_but_does_not_write(client, coop, make_user, make_member, payload):
    api = Api(client, token_for(make_user(coop, Role.SUPERVISOR), coop))
    member = make_member()
    assert api.get(members_url(coop)).status_code == 200
    assert api.post(members_url(coop), payload).status_code == 403
    assert api.patch(members_url(coop, member.pk), {"regency": "Bantul"}).status_code == 403


# --- tokens and tenancy -------------------------------------------------------------

def test_a_token_never_reaches_another_cooperative(client, coop, other_coop, board,
                                                   make_member):
    # Even a user who is on the board of both cooperatives: the token is bound to one.
    CoopRole.objects.create(user=board, cooperative=other_coop, role=Role.BOARD)
    api = Api(client, token_for(board, coop))
    theirs = make_member(cooperative=other_coop, status=Member.Status.APPLICANT)
    assert api.get(members_url(other_coop)).status_code == 404
    assert api.get(members_url(other_coop, theirs.pk)).status_code == 404
    assert api.post(members_url(other_coop, theirs.pk, "status"),
                    {"status": "active", "date": TODAY}).status_code == 404
    # Nor through the right cooperative's URL with the other's member id.
    assert api.get(members_url(coop, theirs.pk)).status_code == 404
    assert api.patch(members_url(coop, theirs.pk), {"regency": "X"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "applicant"


def test_a_revoked_token_is_refused(client, coop, board):
    with scope(cooperative=coop):
        token, key = issue_token(cooperative=coop, actor=board, user=board, name="Kasir")
    api = Api(client, key)
    assert api.get(members_url(coop)).status_code == 200
    with scope(cooperative=coop):
        revoke_token(token=token, actor=board)
    response = api.get(members_url(coop))
    assert response.status_code == 401
    assert response.json() == {"detail": "Token tidak valid atau belum masuk.",
                               "errors": {"__all__": ["Token tidak valid atau belum masuk."]}}


@pytest.mark.parametrize("header", [None, "Bearer gy_salah", "Token abc"])
def test_a_request_without_a_valid_token_is_refused(client, coop, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    assert client.get(members_url(coop), **extra).status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(client, coop, board):
    api = Api(client, token_for(board, coop))
    board.is_active = False
    board.save()
    assert api.get(members_url(coop)).status_code == 401


# --- the member's own record --------------------------------------------------------

@pytest.fixture
def member_api(client, coop, make_user, make_member):
    user = make_user(coop, Role.MEMBER)
    make_member(owner_name="Orang Lain")
    make_member(owner_name="Sri Wahyuni", user=user)
    return Api(client, token_for(user, coop))


def test_a_member_reads_their_own_record_only(member_api, coop):
    response = member_api.get(f"/api/v1/cooperatives/{coop.slug}/me")
    assert response.status_code == 200
    assert (response.json()["owner_name"], response.json()["number"]) == ("Sri Wahyuni", 2)


def test_a_member_token_cannot_read_the_register(member_api, coop, make_member):
    other = make_member()
    assert member_api.get(members_url(coop)).status_code == 403
    assert member_api.get(members_url(coop, other.pk)).status_code == 403


def test_me_is_not_found_for_a_member_role_without_a_member_record(client, coop, make_user):
    api = Api(client, token_for(make_user(coop, Role.BOARD, Role.MEMBER), coop))
    assert api.get(f"/api/v1/cooperatives/{coop.slug}/me").status_code == 404


def test_me_is_refused_to_an_officer_who_is_not_a_member(api, coop):
    assert api.get(f"/api/v1/cooperatives/{coop.slug}/me").status_code == 403
