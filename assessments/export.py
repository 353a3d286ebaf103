"""The gradebook as an XLSX file (openpyxl, write-only: memory stays flat for large cohorts)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lms.spreadsheets import cells


def gradebook_xlsx(book: dict) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Gradebook")[:31])
    titles = [_("Trainee"), _("Organisation")]
    titles += [f"{a.module.number}. {a.title} (/{a.max_score})" for a in book["assignments"]]
    titles += [_("Module %(number)s") % {"number": m.number} for m, _a in book["modules"]]
    titles += [_("Result")]
    sheet.append(cells(sheet, titles, font=Font(bold=True)))
    yes, no = _("passed"), _("not passed")
    for row in book["rows"]:
        # Name and organisation are typed by the trainee: written as text, never as formulas.
        values = [row.enrollment.user.get_full_name(), row.enrollment.organisation]
        values += [
            float(c.score) if c.score is not None else (c.status_label or "") for c in row.cells
        ]
        values += ["" if r is None else (yes if r else no) for r in row.module_results]
        values += [yes if row.overall else no]
        sheet.append(cells(sheet, values))
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()
