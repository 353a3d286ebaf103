"""The monitoring report as an XLSX workbook: one sheet per kind of service and one by territory."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lms.spreadsheets import cells
from supervision.report import MonitoringReport


def report_xlsx(report: MonitoringReport) -> bytes:
    """Every row goes through ``cells``: territory names and labels are typed by people and
    must not run as formulas; the figures stay numbers."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    scope = str(report.territory) if report.territory else _("Whole region")

    def append(sheet, values, *, font=None):
        sheet.append(cells(sheet, values, font=font))

    for table in report.tables:
        sheet = workbook.create_sheet(title=str(table.label)[:31])
        append(sheet, [f"{table.label}, {report.year}", scope])
        sheet["A1"].font = bold
        append(
            sheet,
            [_("Indicator"), _("All services"), _("Active services (4+ programs)")],
            font=bold,
        )
        for figure in table.figures:
            append(
                sheet,
                [("    " if figure.indent else "") + str(figure.label), figure.all, figure.active],
            )
        append(sheet, [])
        append(sheet, [_("Completed programs by type")], font=bold)
        for figure in table.types:
            append(sheet, [str(figure.label), figure.all, figure.active])
        append(sheet, [])
        append(sheet, [_("Completed programs by case category")], font=bold)
        for figure in table.categories:
            append(sheet, [str(figure.label), figure.all, figure.active])
        sheet.column_dimensions["A"].width = 70
        sheet.column_dimensions["B"].width = 16
        sheet.column_dimensions["C"].width = 26
    sheet = workbook.create_sheet(title=_("By territory")[:31])
    append(
        sheet,
        [
            _("Territory"),
            _("Kind"),
            _("Services"),
            _("Requests"),
            _("Completed"),
            _("Participants"),
        ],
        font=bold,
    )
    kinds = {table.kind: str(table.label) for table in report.tables}
    for row in report.territories:
        append(
            sheet,
            [
                row["service__territory__name"],
                kinds.get(row["service__kind"], row["service__kind"]),
                row["services"],
                row["requests"],
                row["completed"],
                row["participants"],
            ],
        )
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 36
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()
