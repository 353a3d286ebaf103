"""The monitoring report as an XLSX workbook: one sheet per kind of service and one by territory."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from supervision.report import MonitoringReport


def report_xlsx(report: MonitoringReport) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    scope = str(report.territory) if report.territory else _("Whole region")
    for table in report.tables:
        sheet = workbook.create_sheet(title=str(table.label)[:31])
        sheet.append([f"{table.label}, {report.year}", scope])
        sheet["A1"].font = bold
        sheet.append([_("Indicator"), _("All services"), _("Active services (4+ programs)")])
        for cell in sheet[2]:
            cell.font = bold
        for figure in table.figures:
            sheet.append(
                [("    " if figure.indent else "") + str(figure.label), figure.all, figure.active]
            )
        sheet.append([])
        sheet.append([_("Completed programs by type")])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for figure in table.types:
            sheet.append([str(figure.label), figure.all, figure.active])
        sheet.append([])
        sheet.append([_("Completed programs by case category")])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for figure in table.categories:
            sheet.append([str(figure.label), figure.all, figure.active])
        sheet.column_dimensions["A"].width = 70
        sheet.column_dimensions["B"].width = 16
        sheet.column_dimensions["C"].width = 26
    sheet = workbook.create_sheet(title=_("By territory")[:31])
    sheet.append(
        [_("Territory"), _("Kind"), _("Services"), _("Requests"), _("Completed"), _("Participants")]
    )
    for cell in sheet[1]:
        cell.font = bold
    kinds = {table.kind: str(table.label) for table in report.tables}
    for row in report.territories:
        sheet.append(
            [
                row["service__territory__name"],
                kinds.get(row["service__kind"], row["service__kind"]),
                row["services"],
                row["requests"],
                row["completed"],
                row["participants"],
            ]
        )
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 36
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()
