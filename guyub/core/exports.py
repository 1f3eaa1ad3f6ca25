"""Spreadsheet exports: a row iterator in, an .xlsx download out."""

import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(rows: Iterable[list], *, title: str = "Data") -> bytes:
    # write_only keeps memory flat for large registers and ledgers.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for index, row in enumerate(rows):
        if index == 0:
            sheet.append([_bold(workbook, v) for v in row])
        else:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold(workbook, value):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(workbook.worksheets[0], value=value)
    cell.font = Font(bold=True)
    return cell


def xlsx_response(rows: Iterable[list], *, name: str, title: str = "Data") -> HttpResponse:
    response = HttpResponse(xlsx_bytes(rows, title=title), content_type=XLSX)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response
