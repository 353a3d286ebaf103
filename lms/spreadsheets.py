"""Cells for the spreadsheets the platform writes, so that typed text is shown, never run.

Names, organisations and titles are typed by people. openpyxl turns any string that begins
with "=" into a live formula (``=HYPERLINK(...)`` becomes a link in the registrar's Excel),
and Excel or LibreOffice re-evaluate "+", "-", "@" once someone edits such a cell. So every
string goes in as a string cell (data type "s": no formula element is written), and one that
begins like a formula also gets the cell style's ``quotePrefix`` — the flag Excel and
LibreOffice set themselves when a user types a leading apostrophe: the cell stays text after
editing, and the value stays exactly as typed (an added apostrophe would otherwise travel into
the federal registry with the name). Numbers, dates and empty cells stay what they are.

Every XLSX export builds its rows with ``cells``; a CSV export (the platform has none yet)
would pass each value through ``csv_text``, since a CSV file has no cell types.
"""

from collections.abc import Iterable

from django.utils.functional import Promise
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# What spreadsheets read as the start of a formula (OWASP's list for CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def cell(sheet, value, *, font=None) -> Cell:
    """One cell for ``sheet`` (ordinary or write-only): text stays text, even when it
    begins like a formula; everything else is written as it is."""
    if isinstance(value, Promise):  # lazy translations: openpyxl writes only real strings
        value = str(value)
    if isinstance(value, str):
        # Control characters cannot be stored in XLSX at all: openpyxl would refuse the
        # whole export because of one pasted name.
        result = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        result.data_type = "s"  # after the value: assigning it makes openpyxl guess again
        if looks_like_formula(value):
            result.quotePrefix = True
    else:
        result = WriteOnlyCell(sheet, value=value)
    if font is not None:
        result.font = font
    return result


def cells(sheet, values: Iterable, *, font=None) -> list[Cell]:
    """A row for ``sheet.append``."""
    return [cell(sheet, value, font=font) for value in values]


def csv_text(value) -> str:
    """A CSV field no spreadsheet evaluates: a leading apostrophe, which Excel and
    LibreOffice hide and read as "this is text"."""
    text = "" if value is None else str(value)
    return "'" + text if looks_like_formula(text) else text
