"""Reading an organisation's staff list (CSV or XLSX) for bulk enrollment, row by row.

Plain functions, no database writes: `courses.services.enrollments_import` decides.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from lms.uploads import sniff

MAX_ROWS = 2000
NAME_MAX = 150
REQUIRED = ("last_name", "first_name", "email")
COLUMNS = {
    "фамилия": "last_name", "last name": "last_name", "last_name": "last_name",
    "имя": "first_name", "first name": "first_name", "first_name": "first_name",
    "отчество": "patronymic", "patronymic": "patronymic",
    "email": "email", "e-mail": "email", "эл. почта": "email", "электронная почта": "email",
    "адрес электронной почты": "email",
    "организация": "organisation", "organisation": "organisation", "organization": "organisation",
    "должность": "position", "position": "position",
}  # fmt: skip


@dataclass
class RowProblem:
    line: int
    messages: list[str]


@dataclass
class StaffList:
    rows: list[dict] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.problems and bool(self.rows)


def _table(upload) -> list[list[str]]:
    if sniff(upload) == "application/zip":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for broken files
            raise ValidationError(_("The XLSX file cannot be read.")) from error
        return [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig").replace("\x00", "")  # PostgreSQL cannot store NUL
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The file is not in UTF-8. Save the CSV as UTF-8 or upload an XLSX file.")
        ) from error
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = csv.reader(io.StringIO(text, newline=""), dialect)  # newline="": "\r" ends rows
        return [[cell.strip() for cell in row] for row in rows]
    except csv.Error as error:  # e.g. a cell over the csv module's 128 KiB field limit
        raise ValidationError(_("The CSV file cannot be read.")) from error


def _label(key: str) -> str:
    labels = {
        "last_name": _("Last name"),
        "first_name": _("First name"),
        "patronymic": _("Patronymic"),
        "email": "Email",
    }
    return str(labels.get(key, key))


def read_staff_list(upload) -> StaffList:
    result = StaffList()
    try:
        table = [row for row in _table(upload) if any(row)]
    except ValidationError as error:
        result.file_error = " ".join(error.messages)
        return result
    if not table:
        result.file_error = _("The file is empty.")
        return result
    header = [COLUMNS.get(cell.lower()) for cell in table[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        result.file_error = _("The first row must name the columns; missing: %(columns)s.") % {
            "columns": ", ".join(_label(m) for m in missing)
        }
        return result
    if len(table) - 1 > MAX_ROWS:
        result.file_error = _("At most %(count)s people per file.") % {"count": MAX_ROWS}
        return result
    seen: dict[str, int] = {}
    for line, cells in enumerate(table[1:], start=2):
        row = {key: cells[i] if i < len(cells) else "" for i, key in enumerate(header) if key}
        row["email"] = row.get("email", "").lower()
        messages = []
        for key in REQUIRED:
            if not row.get(key):
                messages.append(_("%(column)s is empty.") % {"column": _label(key)})
        if row.get("email"):
            try:
                validate_email(row["email"])
            except ValidationError:
                messages.append(_("%(email)s is not an email address.") % {"email": row["email"]})
            if row["email"] in seen:
                messages.append(
                    _("The email repeats line %(line)s.") % {"line": seen[row["email"]]}
                )
            seen.setdefault(row["email"], line)
        for key in ("last_name", "first_name", "patronymic"):
            if len(row.get(key, "")) > NAME_MAX:
                messages.append(
                    _("%(column)s is longer than %(max)s characters.")
                    % {"column": _label(key), "max": NAME_MAX}
                )
        if messages:
            result.problems.append(RowProblem(line, messages))
        else:
            result.rows.append(row)
    return result
