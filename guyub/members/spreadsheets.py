"""Member import and export as .xlsx / .csv.

Import is all or nothing: every row is validated with the same form the pages
use; if any row is wrong, nothing is saved and each wrong row is reported.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from guyub.core.regions import PROVINCES, province_code

from . import services
from .forms import PROFILE_FIELDS, MemberForm
from .models import Member, Sector

# Column header → form field. Headers are matched case-insensitively, spaces as "_".
COLUMNS = {
    "nama_pemilik": "owner_name",
    "nik": "nik",
    "nama_usaha": "business_name",
    "nib": "nib",
    "telepon": "phone",
    "email": "email",
    "alamat": "address",
    "provinsi": "province",
    "kabupaten_kota": "regency",
    "sektor": "sector",
    "jumlah_pekerja": "workers",
    "modal_usaha": "business_capital",
    "omzet_tahunan": "annual_sales",
    "tanggal_bergabung": "join_date",
}
REQUIRED_HEADERS = {"nama_pemilik", "nik", "nama_usaha", "provinsi", "kabupaten_kota", "sektor"}
MAX_ROWS = 20000


@dataclass
class RowError:
    row: int
    messages: list[str]


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} rows rejected")
        self.errors = errors


def _normalise_header(value) -> str:
    return str(value or "").strip().lower().replace(" ", "_").replace("/", "_")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets turn NIK-like numbers into floats
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_rows(upload) -> list[list[str]]:
    name = upload.name.lower()
    if name.endswith(".csv"):
        text = upload.read().decode("utf-8-sig", errors="replace")
        try:
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        except csv.Error:
            # The sniffer gives up on one-column, blank or garbled files (it was a 500);
            # read those as plain CSV and let the header check say what is missing.
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect)
        return [[_cell_text(c) for c in row] for row in reader]
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ImportRejected([RowError(0, [_("Berkas .xlsx tidak dapat dibaca.")])]) from exc
    sheet = workbook.worksheets[0]
    return [[_cell_text(c) for c in row] for row in sheet.iter_rows(values_only=True)]


def _sector_code(value: str) -> str:
    lowered = value.strip().lower()
    for code, label in Sector.choices:
        if lowered in (code, str(label).lower()):
            return code
    return value


def _parse_date(value: str):
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def validate_rows(cooperative, rows: list[list[str]]) -> tuple[list[dict], list[RowError]]:
    if not rows:
        return [], [RowError(0, [_("Berkas kosong.")])]
    headers = [_normalise_header(h) for h in rows[0]]
    missing = sorted(REQUIRED_HEADERS - set(headers))
    if missing:
        return [], [RowError(1, [_("Kolom wajib tidak ada: %(cols)s.") % {
            "cols": ", ".join(missing)}])]
    body = [(i, r) for i, r in enumerate(rows[1:], start=2) if any(c for c in r)]
    if len(body) > MAX_ROWS:
        return [], [RowError(0, [_("Terlalu banyak baris (maksimal %(n)s).") % {"n": MAX_ROWS}])]
    valid, errors, seen_nik = [], [], {}
    for line, row in body:
        record = {COLUMNS[h]: (row[i] if i < len(row) else "")
                  for i, h in enumerate(headers) if h in COLUMNS}
        record["province"] = province_code(record.get("province", "")) or record.get("province")
        record["sector"] = _sector_code(record.get("sector", ""))
        record.setdefault("workers", "1")
        record["workers"] = record["workers"] or "1"
        messages = []
        join_date = None
        if record.get("join_date"):
            join_date = _parse_date(record["join_date"])
            if join_date is None or join_date > dt.date.today():
                messages.append(_("tanggal_bergabung: tanggal tidak valid (pakai YYYY-MM-DD)."))
        form = MemberForm(data=record, cooperative=cooperative)
        if not form.is_valid():
            for field, field_errors in form.errors.items():
                label = _column_for(field)
                messages.extend(f"{label}: {e}" for e in field_errors)
        nik = record.get("nik", "")
        if nik in seen_nik:
            messages.append(_("nik: sama dengan baris %(line)s.") % {"line": seen_nik[nik]})
        seen_nik.setdefault(nik, line)
        if messages:
            errors.append(RowError(line, messages))
        else:
            valid.append({"profile": {f: form.cleaned_data[f] for f in PROFILE_FIELDS},
                          "join_date": join_date})
    return valid, errors


def _column_for(field: str) -> str:
    for header, name in COLUMNS.items():
        if name == field:
            return header
    return field


def import_members(*, cooperative, actor, upload) -> list[Member]:
    rows = read_rows(upload)
    valid, errors = validate_rows(cooperative, rows)
    if errors:
        raise ImportRejected(errors)
    with transaction.atomic():
        return [services.register_member(cooperative=cooperative, actor=actor,
                                         profile=item["profile"], join_date=item["join_date"])
                for item in valid]


EXPORT_HEADERS = ["nomor_anggota", "status", "skala", *COLUMNS.keys()]


def export_rows(members):
    yield EXPORT_HEADERS
    for m in members.iterator(chunk_size=2000):
        yield [
            m.display_number, m.get_status_display(), m.get_scale_display(),
            m.owner_name, m.nik, m.business_name, m.nib, m.phone, m.email, m.address,
            PROVINCES.get(m.province, m.province), m.regency, m.get_sector_display(),
            m.workers,
            int(m.business_capital) if m.business_capital is not None else None,
            int(m.annual_sales) if m.annual_sales is not None else None,
            m.join_date,
        ]


def export_xlsx(members) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Anggota"))
    for row in export_rows(members):
        sheet.append([str(v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
