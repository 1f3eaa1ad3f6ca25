"""Import from .xlsx / .csv (all or nothing) and export of the filtered register."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import Workbook, load_workbook

from guyub.core.roles import Role
from guyub.members.models import Member

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["Nama Pemilik", "NIK", "Nama Usaha", "NIB", "Telepon", "Email", "Alamat",
           "Provinsi", "Kabupaten/Kota", "Sektor", "Jumlah Pekerja", "Modal Usaha",
           "Omzet Tahunan", "Tanggal Bergabung"]
ROWS = [
    ["Agus Salim", "3404011501700001", "Kopi Merapi", "9120001234567", "0812-3456-7890",
     "agus@contoh.id", "Jl. Kaliurang Km 20, Pakem", "DI Yogyakarta", "Sleman", "Kopi dan teh",
     "5", "150000000", "900000000", "2015-03-01"],
    ["Siti Aminah", "3471025505800002", "Batik Aminah", "", "081398765432", "",
     "Jl. Tirtodipuran 12", "34", "Kota Yogyakarta", "batik", "", "", "", ""],
]


def xlsx(rows, name="anggota.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def csv_file(rows, delimiter=",", name="anggota.csv"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    # Excel writes a BOM in front of UTF-8 CSV; the import must not see it as data.
    return SimpleUploadedFile(name, ("\ufeff" + buffer.getvalue()).encode(), "text/csv")


def members_of(coop):
    with scopes_disabled():
        return list(Member.objects.filter(cooperative=coop).order_by("number"))


@pytest.fixture
def upload(board_client, coop):
    def post(file, **kwargs):
        return board_client.post(reverse("members:import", args=[coop.slug]), {"file": file},
                                 **kwargs)

    return post


def assert_imported(coop):
    agus, siti = members_of(coop)
    assert [(m.number, m.status, m.owner_name) for m in (agus, siti)] == [
        (1, "active", "Agus Salim"), (2, "active", "Siti Aminah")]
    assert (agus.province, agus.sector, agus.phone, agus.workers, agus.scale) == (
        "34", "kopi", "+6281234567890", 5, "mikro")
    assert agus.join_date == dt.date(2015, 3, 1)
    assert (siti.sector, siti.workers, siti.scale, siti.join_date) == (
        "batik", 1, "", dt.date.today())


def test_a_valid_xlsx_imports_every_row_as_an_active_numbered_member(upload, coop):
    response = upload(xlsx([HEADERS, *ROWS]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("members:list", args=[coop.slug])
    assert "2 anggota diimpor." in response.content.decode()
    assert_imported(coop)


def test_numbers_as_spreadsheet_numbers_are_read_as_text(upload, coop):
    # Excel keeps NIK, phone and amounts as numbers unless told otherwise.
    row = [*ROWS[0]]
    row[1], row[4], row[10], row[11] = 3404011501700001, 81234567890, 5, 150000000.0
    row[13] = dt.datetime(2015, 3, 1)
    upload(xlsx([HEADERS, row, ROWS[1]]))
    assert_imported(coop)


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_valid_csv_imports_with_comma_or_semicolon(upload, coop, delimiter):
    response = upload(csv_file([HEADERS, *ROWS], delimiter=delimiter))
    assert response.status_code == 302
    assert_imported(coop)


@pytest.mark.parametrize("written", ["2015-03-01", "01/03/2015", "01-03-2015"])
def test_join_dates_are_read_as_people_write_them(upload, coop, written):
    upload(csv_file([HEADERS, row(0, tanggal_bergabung=written)], delimiter=";"))
    [member] = members_of(coop)
    assert member.join_date == dt.date(2015, 3, 1)


def test_imported_members_continue_the_cooperatives_numbering(upload, coop, make_member):
    make_member()
    make_member()
    upload(xlsx([HEADERS, *ROWS]))
    assert [m.number for m in members_of(coop)] == [1, 2, 3, 4]


KEYS = [h.lower().replace(" ", "_").replace("/", "_") for h in HEADERS]


def row(base=1, **changes):
    """A copy of ROWS[base] with other values in the named columns."""
    values = {**dict(zip(KEYS, ROWS[base], strict=True)), **changes}
    return [values[k] for k in KEYS]


def test_a_file_with_wrong_rows_imports_nothing_and_names_each_row(upload, coop):
    rows = [
        HEADERS,
        ROWS[0],                                                    # row 2: fine
        row(nik="12345"),                                           # row 3
        [""] * len(HEADERS),                                        # row 4: blank, skipped
        row(nik="3404014303800003", telepon="0812", provinsi="Atlantis"),  # row 5
        row(nik="3404016507850004", tanggal_bergabung="2999-01-01"),  # row 6: future
        ROWS[1],                                                    # row 7: fine
    ]
    response = upload(xlsx(rows))
    html = response.content.decode()
    assert response.status_code == 200
    assert members_of(coop) == []
    assert "3 baris salah — tidak ada yang diimpor." in html
    assert "Baris 3: nik: NIK harus 16 digit angka." in html
    assert "Baris 5: telepon: Nomor telepon tidak valid." in html
    assert "provinsi: Masukkan pilihan yang valid. Atlantis bukan salah satu" in html
    assert "Baris 6: tanggal_bergabung: tanggal tidak valid" in html
    for fine in ("Baris 2", "Baris 4", "Baris 7"):
        assert fine not in html


def test_a_nik_twice_in_the_file_is_reported_on_the_second_row(upload, coop):
    response = upload(xlsx([HEADERS, *ROWS, row(nik=ROWS[0][1])]))
    assert "Baris 4: nik: sama dengan baris 2." in response.content.decode()
    assert members_of(coop) == []


def test_a_nik_already_in_the_cooperative_is_reported(upload, coop, make_member):
    make_member(nik=ROWS[1][1])
    response = upload(xlsx([HEADERS, *ROWS]))
    assert "Baris 3: nik: NIK ini sudah terdaftar di koperasi ini." in response.content.decode()
    assert len(members_of(coop)) == 1


def test_a_missing_required_column_is_named(upload, coop):
    headers = [h for h in HEADERS if h != "Sektor"]
    rows = [[v for h, v in zip(HEADERS, row, strict=True) if h != "Sektor"] for row in ROWS]
    response = upload(csv_file([headers, *rows]))
    assert "Kolom wajib tidak ada: sektor." in response.content.decode()
    assert members_of(coop) == []


@pytest.mark.parametrize("name, content, message", [
    ("anggota.xls", b"\xd0\xcf\x11\xe0", "Berkas harus berformat .xlsx atau .csv."),
    ("anggota.pdf", b"%PDF-1.4", "Berkas harus berformat .xlsx atau .csv."),
    ("anggota.xlsx", b"PK\x03\x04 ini bukan xlsx", "Berkas .xlsx tidak dapat dibaca."),
    ("anggota.xlsx", b"", "Berkas yang dikirimkan kosong."),
    ("anggota.csv", b"\xff\xfe\x00\x01\x02 rusak", "Kolom wajib tidak ada"),
    ("anggota.csv", b"nama_pemilik\nBudi\n", "Kolom wajib tidak ada"),
    ("anggota.csv", b"   \n", "Kolom wajib tidak ada"),
])
def test_a_wrong_or_damaged_file_gets_a_clear_message(upload, coop, name, content, message):
    response = upload(SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert members_of(coop) == []


def test_a_header_only_file_imports_nothing_without_error(upload, coop):
    response = upload(xlsx([HEADERS]), follow=True)
    assert "0 anggota diimpor." in response.content.decode()


def test_the_import_page_lists_the_columns(board_client, coop):
    html = board_client.get(reverse("members:import", args=[coop.slug])).content.decode()
    assert "<code>nama_pemilik</code>*" in html and "<code>nib</code>," in html


# --- export -------------------------------------------------------------------------

def test_the_export_contains_exactly_the_filtered_members(board_client, coop, other_coop,
                                                          make_member):
    make_member(owner_name="Agus Salim", sector="kopi", nik="3404011501700001",
                join_date=dt.date(2015, 3, 1))
    make_member(owner_name="Budi Hartono", sector="batik")
    make_member(owner_name="Citra Lestari", sector="kopi", status=Member.Status.EXITED)
    make_member(owner_name="Dewi Pemohon", sector="kopi", status=Member.Status.APPLICANT)
    make_member(cooperative=other_coop, owner_name="Orang Lain", sector="kopi")

    response = board_client.get(reverse("members:export", args=[coop.slug]),
                                {"sector": "kopi"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith('attachment; filename="anggota-maju-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[:4] == ("nomor_anggota", "status", "skala", "nama_pemilik")
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("A-00001", "Aktif", "Agus Salim"), ("A-00003", "Keluar", "Citra Lestari")]
    agus = dict(zip(header, rows[0], strict=True))
    assert agus["nik"] == "3404011501700001"  # text: a number would lose digits
    assert agus["provinsi"] == "DI Yogyakarta" and agus["sektor"] == "Kopi dan teh"
    assert agus["modal_usaha"] == 50000000 and agus["omzet_tahunan"] == 300000000
    assert agus["tanggal_bergabung"].date() == dt.date(2015, 3, 1)


def test_an_export_can_be_imported_into_another_cooperative(board_client, coop, other_coop,
                                                            make_member, make_user):
    make_member(owner_name="Agus Salim", phone="+6281234567890", nib="9120001234567")
    make_member(owner_name="Budi Hartono", business_capital=None, annual_sales=None)
    exported = board_client.get(reverse("members:export", args=[coop.slug])).content
    board_client.force_login(make_user(other_coop, Role.BOARD))
    response = board_client.post(reverse("members:import", args=[other_coop.slug]),
                                 {"file": SimpleUploadedFile("anggota.xlsx", exported)})
    assert response.status_code == 302, response.content.decode()
    fields = ("number", "owner_name", "nik", "phone", "nib", "sector", "scale", "join_date")
    assert [[getattr(m, f) for f in fields] for m in members_of(other_coop)] == \
        [[getattr(m, f) for f in fields] for m in members_of(coop)]
