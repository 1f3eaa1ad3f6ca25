"""The statements as one workbook (openpyxl): a sheet per statement, the notes' lines
on the last; figures as numbers, so they add up in the spreadsheet too."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .layout import HEADING, ITEM, Statement

BOLD = Font(bold=True)


def _sheet(workbook, statement: Statement, coop_name: str):
    sheet = workbook.create_sheet(statement.title[:31])
    sheet.append([coop_name])
    sheet.append([statement.title])
    sheet.append([""] + list(statement.columns))
    for cell in sheet[3]:
        cell.font = BOLD
    for row in statement.rows:
        if row.style == HEADING:
            sheet.append([row.label])
        else:
            sheet.append([row.label] + [int(v) for v in row.values])
        if row.style != ITEM:
            sheet.cell(sheet.max_row, 1).font = BOLD
    for problem in statement.problems:
        sheet.append([problem])
    sheet.column_dimensions["A"].width = 55
    return sheet


def _notes_sheet(workbook, statements: list[Statement]):
    sheet = workbook.create_sheet(_("Catatan")[:31])
    sheet.append([_("Laporan"), _("Pos"), _("Akun"), _("Jumlah"), _("Pembanding")])
    for cell in sheet[1]:
        cell.font = BOLD
    for statement in statements:
        for row in statement.rows:
            if not row.drills:
                continue
            for part in row.parts:
                sheet.append([statement.title, row.label, part.label,
                              *[int(v) for v in part.values]])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 35
    sheet.column_dimensions["C"].width = 40
    return sheet


def workbook_bytes(statements: list[Statement], coop_name: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for statement in statements:
        _sheet(workbook, statement, coop_name)
    _notes_sheet(workbook, [s for s in statements if len(s.columns) == 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
