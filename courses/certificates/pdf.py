"""The certificate as a one-page A4 PDF (ReportLab, DejaVu fonts, QR code by segno)."""

import io
import re
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import segno
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

# The document itself is always in Russian (a Russian education document), whatever the
# interface language; only the lines on how to check it go through gettext.
TITLES = {
    "advanced_training": ("УДОСТОВЕРЕНИЕ", "о повышении квалификации"),
    "completion": ("СВИДЕТЕЛЬСТВО", "об обучении"),
    "participation": ("СВИДЕТЕЛЬСТВО", "об участии"),
}
MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


@cache
def _fonts() -> tuple[str, str]:
    """Register DejaVu (Cyrillic) once; the directory is a setting for other systems."""
    folder = Path(settings.LMS_PDF_FONT_DIR)
    pdfmetrics.registerFont(TTFont("DejaVuSerif", folder / "DejaVuSerif.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", folder / "DejaVuSerif-Bold.ttf"))
    # The code is typed by hand: a monospaced face keeps l, I, 1, O and 0 apart.
    pdfmetrics.registerFont(TTFont("DejaVuSansMono-Bold", folder / "DejaVuSansMono-Bold.ttf"))
    return "DejaVuSerif", "DejaVuSerif-Bold"


def long_date(day) -> str:
    return f"«{day.day:02d}» {MONTHS[day.month - 1]} {day.year} г."


def _qr(pdf, url: str, x: float, y: float, size: float) -> None:
    """Draw the QR code as vector squares: sharp at any zoom, no image library needed."""
    matrix = [list(row) for row in segno.make(url, error="m").matrix]
    border = 2
    cells = len(matrix) + 2 * border
    cell = size / cells
    path = pdf.beginPath()  # one path for all modules: far faster than a rect per module
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                path.rect(x + (c + border) * cell, y + size - (r + border + 1) * cell, cell, cell)
    pdf.drawPath(path, stroke=0, fill=1)


def wrap_at_hyphens(text: str, width: float, measure) -> list[str]:
    """Greedy lines broken at spaces or after hyphens. ReportLab's own wrapping splits a
    double-barrelled name mid-word, and its hyphen option skips words with "ё"."""
    lines, line = [], ""
    for piece in re.findall(r"[^\s-]*-|[^\s-]+\s*|\s+", text):
        if line and measure((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    return [*lines, line.rstrip()]


def _name_lines(name: str, font: str, size: int, width: float) -> str:
    lines = wrap_at_hyphens(name, width, lambda t: pdfmetrics.stringWidth(t, font, size))
    return "<br/>".join(escape(line) for line in lines)


def _paragraph(pdf, text, style, x, y_top, width, *, markup=False) -> float:
    """Draw wrapped text below ``y_top``; return the y under it."""
    paragraph = Paragraph(text if markup else escape(text), style)
    _w, height = paragraph.wrap(width, 200 * mm)
    paragraph.drawOn(pdf, x, y_top - height)
    return y_top - height


def _stamp(pdf, lines: list[str], font: str, width: float, height: float) -> None:
    """A red mark across the page, as a registrar's stamp on an annulled document."""
    pdf.saveState()
    pdf.setFillColorRGB(0.75, 0.05, 0.05)
    pdf.setStrokeColorRGB(0.75, 0.05, 0.05)
    pdf.translate(width / 2, height / 2)
    pdf.rotate(35)
    pdf.setFont(font, 46)
    pdf.drawCentredString(0, 0, lines[0])
    pdf.setFont(font, 12)
    for number, line in enumerate(lines[1:], 1):
        pdf.drawCentredString(0, -number * 17, line)
    box = max(
        pdfmetrics.stringWidth(lines[0], font, 46),
        *(pdfmetrics.stringWidth(line, font, 12) for line in lines[1:]),
    )
    pdf.setLineWidth(3)
    bottom = -(len(lines) - 1) * 17 - 4 * mm
    pdf.rect(-box / 2 - 4 * mm, bottom, box + 8 * mm, 46 + 8 * mm - bottom)
    pdf.restoreState()


def _how_to_check(pdf, certificate, *, check_url: str, x: float, y: float, width: float) -> None:
    """Where and how to check the document, legible enough to type: the QR code beside it
    is of no use to someone holding a photocopy or reading the number over the phone."""
    regular, _bold = _fonts()
    style = ParagraphStyle("check", fontName=regular, fontSize=10, leading=13)
    with translation.override(settings.LANGUAGE_CODE):  # the document's language, not the UI's
        text = _(
            "Check this document at %(url)s by its number and the holder's last name, "
            "or by the code:"
        ) % {"url": check_url}
    y = _paragraph(pdf, text, style, x, y, width) - 5 * mm
    pdf.setFont("DejaVuSansMono-Bold", 12)
    pdf.drawString(x, y, certificate.code)


def render_pdf(
    certificate, *, centre_name: str, verify_url: str, check_url: str = "", stamp=()
) -> bytes:
    """The document; ``verify_url`` goes into the QR code, ``check_url`` (the page where
    the number or the code is typed) is printed; ``stamp`` (lines of text) marks an archive
    copy of an annulled one."""
    regular, bold = _fonts()
    width, height = A4
    margin = 22 * mm
    text_width = width - 2 * margin
    centred = ParagraphStyle("c", fontName=regular, fontSize=12, leading=16, alignment=TA_CENTER)
    length = len(certificate.holder_name)
    name_size = 20 if length <= 48 else 16 if length <= 100 else 13
    name_style = ParagraphStyle(
        "name", fontName=bold, fontSize=name_size, leading=name_size * 1.3, alignment=TA_CENTER
    )
    title_style = ParagraphStyle("t", fontName=bold, fontSize=24, leading=30, alignment=TA_CENTER)
    program_style = ParagraphStyle("p", fontName=bold, fontSize=13, leading=17, alignment=TA_CENTER)

    data = io.BytesIO()
    pdf = canvas.Canvas(data, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"{TITLES[certificate.kind][0].capitalize()} {certificate.number}")
    pdf.setAuthor(centre_name)
    pdf.setLineWidth(1.2)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)

    y = height - 30 * mm
    y = _paragraph(pdf, centre_name, centred, margin, y, text_width) - 14 * mm
    heading, subheading = TITLES[certificate.kind]
    y = _paragraph(pdf, heading, title_style, margin, y, text_width)
    y = _paragraph(pdf, subheading, centred, margin, y, text_width) - 6 * mm
    y = _paragraph(pdf, f"№ {certificate.number}", centred, margin, y, text_width) - 12 * mm
    y = _paragraph(pdf, "Настоящим удостоверяется, что", centred, margin, y, text_width) - 4 * mm
    name = _name_lines(certificate.holder_name, bold, name_size, text_width)
    y = _paragraph(pdf, name, name_style, margin, y, text_width, markup=True) - 6 * mm
    period = (
        f"в период с {certificate.studied_from:%d.%m.%Y} по {certificate.studied_to:%d.%m.%Y} "
        "прошёл(а) обучение по дополнительной профессиональной программе"
        if certificate.kind == "advanced_training"
        else f"в период с {certificate.studied_from:%d.%m.%Y} по "
        f"{certificate.studied_to:%d.%m.%Y} прошёл(а) обучение по программе"
        if certificate.kind == "completion"
        else f"{certificate.studied_from:%d.%m.%Y} принял(а) участие в мероприятии"
    )
    y = _paragraph(pdf, period, centred, margin, y, text_width) - 4 * mm
    y = _paragraph(pdf, f"«{certificate.program_title}»", program_style, margin, y, text_width)
    y = _paragraph(pdf, f"в объёме {certificate.hours} ч.", centred, margin, y - 2 * mm, text_width)

    pdf.setFont(regular, 11)
    bottom = 52 * mm
    pdf.drawString(
        margin, bottom + 22 * mm, f"Регистрационный номер: {certificate.registration_number}"
    )
    place = f"{certificate.city}, " if certificate.city else ""
    pdf.drawString(margin, bottom + 16 * mm, f"{place}{long_date(certificate.issued_on)}")
    if certificate.signatory_position or certificate.signatory_name:
        pdf.drawString(margin, bottom, certificate.signatory_position[:70])
        signatory = certificate.signatory_name[:40]
        name_right = width - margin - 40 * mm
        # The line to sign on ends before the name, not through it.
        line_end = min(
            margin + 115 * mm, name_right - pdfmetrics.stringWidth(signatory, regular, 11) - 3 * mm
        )
        pdf.line(line_end - 35 * mm, bottom - 1 * mm, line_end, bottom - 1 * mm)
        pdf.drawRightString(name_right, bottom, signatory)
    qr = 32 * mm
    _how_to_check(
        pdf,
        certificate,
        check_url=check_url or verify_url,
        x=margin,
        y=22 * mm + qr - 12 * mm,
        width=text_width - qr - 8 * mm,
    )
    _qr(pdf, verify_url, width - margin - qr, 22 * mm, qr)
    if stamp:
        _stamp(pdf, list(stamp), bold, width, height)
    pdf.showPage()
    pdf.save()
    return data.getvalue()
