"""Certificate PDF: WeasyPrint against ReportLab, N one-page A4 documents each. No Django.

Run: `python bench/certificate_pdf.py [-n 200] [--engine weasyprint] [--out DIR]` with an
interpreter that has segno and one or both engines (pip install weasyprint reportlab segno).
An engine that is not installed is skipped. Each engine runs in a child process of its own,
so its peak RSS is its own. Prints documents per second, median and p95 ms per document,
cold start, peak RSS, the tracemalloc peak of one render (Python heap only: Pango's and
HarfBuzz's C allocations are not in it), PDF size, and whether the text layer gives back
the holder's name (pdftotext, else pypdf, else pdfminer.six, else skipped). --out keeps the
PDFs; every tenth document carries a 200-character name.
"""

import argparse
import hashlib
import html
import importlib.metadata
import io
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"regular": "DejaVuSerif.ttf", "bold": "DejaVuSerif-Bold.ttf"}
ENGINES = ("weasyprint", "reportlab")
TRACED = 10  # documents rendered under tracemalloc, after the timed run

CENTRE = (
    "Автономная некоммерческая организация дополнительного профессионального образования "
    "«Центр восстановительной медиации и примирения»"
)
PROGRAMS = (
    ("Восстановительная медиация в образовательных организациях", 72),
    (
        "Проведение восстановительных программ по делам несовершеннолетних: медиация, "
        "семейные конференции и круги сообщества в работе территориальных служб примирения",
        144,
    ),
    ("Школьная служба примирения: организация и сопровождение", 36),
)
NAMES = (
    "Иванова Мария Петровна",
    "Ёлкин Пётр Семёнович",
    "Голенищева-Кутузова Анна-Мария Александровна",
    "Абдурахмангаджиев Мухаммадрасул Абдулмаджидович оглы",
    "Щербакова-Преображенская Екатерина Вячеславовна",
    "Ли Юрий",
)
# 200 characters, the most the profile form allows. With "ё" in a hyphenated word, which
# ReportLab's own breaking at hyphens skips (its letter class is А-я, without Ё and ё).
LONG_NAME = (
    "Римская-Корсакова-Голенищева-Кутузова-Милославская-Оболенская-Соловьёва-Трубецкая-"
    "Воронцова-Дашкова Анастасия-Виктория-Елизавета-Александра-Антуанетта-Констанция-"
    "Евфросиния Константиновна-Вячеславовна"
)
MONTHS = (
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
)


def ru_date(day: date) -> str:
    return f"«{day.day:02d}» {MONTHS[day.month - 1]} {day.year} г."


def certificates(count: int) -> list[dict]:
    """Deterministic test data, field names as in courses.models.Certificate."""
    rows = []
    for i in range(count):
        title, hours = PROGRAMS[i % len(PROGRAMS)]
        start = date(2026, 1, 12) + timedelta(days=i % 40)
        code = hashlib.sha256(f"bench-{i}".encode()).hexdigest()[:22]
        rows.append(
            {
                "holder_name": LONG_NAME if i % 10 == 9 else NAMES[i % len(NAMES)],
                "program_title": title,
                "hours": hours,
                "studied_from": ru_date(start),
                "studied_to": ru_date(start + timedelta(days=hours // 2)),
                "number": f"ПК-2026-{i + 123:06d}",
                "registration_number": f"2026/{i + 123:05d}",
                "city": "Москва",
                "issued_on": ru_date(start + timedelta(days=hours // 2 + 7)),
                "signatory_position": "Директор АНО ДПО «Центр восстановительной медиации»",
                "signatory_name": "Н. В. Константинова-Щедрина",
                "url": f"https://lms.example.org/certificates/{code}/",
            }
        )
    return rows


def wrap_at_hyphens(text: str, width: float, measure) -> list[str]:
    """Greedy lines broken at spaces or after hyphens, as a browser breaks them."""
    lines, line = [], ""
    for piece in re.findall(r"[^\s-]*-|[^\s-]+\s*|\s+", text):
        if line and measure((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    return [*lines, line.rstrip()]


def name_size(name: str) -> int:
    """Points for the holder's name: the same rule in both engines."""
    return 22 if len(name) <= 48 else 18 if len(name) <= 100 else 14


# --- WeasyPrint -------------------------------------------------------------------------

STYLE = """
@font-face { font-family: Cert; src: url("file://{regular}"); }
@font-face { font-family: Cert; font-weight: bold; src: url("file://{bold}"); }
@page { size: A4; margin: 20mm 20mm 18mm; }
body { font-family: Cert; font-size: 11pt; line-height: 1.3; text-align: center; margin: 0; }
p { margin: 0; }
.centre { font-size: 10pt; margin: 0 10mm; }
h1 { font-size: 30pt; margin: 16mm 0 0; }
.kind { font-size: 15pt; }
.number { font-size: 12pt; margin-top: 4mm; }
.lead { margin-top: 14mm; }
.holder { font-weight: bold; margin: 5mm 0; overflow-wrap: anywhere; }
.program { font-weight: bold; font-size: 13pt; margin: 3mm 5mm; }
.footer { position: absolute; bottom: 0; left: 0; right: 0; text-align: left; }
.footer table { width: 100%; border-collapse: collapse; }
.footer td { vertical-align: bottom; padding: 0; }
.qr { width: 32mm; height: 32mm; display: block; }
.small { font-size: 8pt; }
.sign td { padding-top: 10mm; }
.line { border-bottom: 0.6pt solid black; width: 35mm; }
"""

PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>Удостоверение {number}</title></head><body>
<p class="centre">{centre}</p>
<h1>УДОСТОВЕРЕНИЕ</h1>
<p class="kind">о повышении квалификации</p>
<p class="number">№ {number}</p>
<p class="lead">Настоящее удостоверение свидетельствует о том, что</p>
<p class="holder" style="font-size: {size}pt">{holder_name}</p>
<p>с {studied_from} по {studied_to} прошёл(а) обучение по дополнительной
профессиональной программе повышения квалификации</p>
<p class="program">«{program_title}»</p>
<p>в объёме {hours} часов</p>
<div class="footer"><table>
<tr><td>Регистрационный номер {registration_number}<br>Город {city}<br>
Дата выдачи {issued_on}</td>
<td style="width: 34mm"><img class="qr" src="{qr}" alt="QR"></td></tr>
<tr><td colspan="2" class="small" style="text-align: right">Проверка подлинности: {url}</td></tr>
</table><table class="sign"><tr><td style="width: 40%">{signatory_position}</td>
<td class="line"></td><td style="text-align: right">{signatory_name}</td></tr></table></div>
</body></html>"""


def weasyprint_renderer():
    import segno
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    paths = {key: str(FONT_DIR / name) for key, name in FONTS.items()}
    css = CSS(
        string=STYLE.replace("{regular}", paths["regular"]).replace("{bold}", paths["bold"]),
        font_config=font_config,
    )

    def render(cert: dict) -> bytes:
        fields = {key: html.escape(str(value)) for key, value in cert.items()}
        fields["qr"] = segno.make(cert["url"], error="m").svg_data_uri(border=0, omitsize=True)
        page = PAGE.format(
            centre=html.escape(CENTRE), size=name_size(cert["holder_name"]), **fields
        )
        return HTML(string=page).write_pdf(stylesheets=[css], font_config=font_config)

    return render


# --- ReportLab --------------------------------------------------------------------------


def reportlab_renderer():
    import segno
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    pdfmetrics.registerFont(TTFont("Cert", str(FONT_DIR / FONTS["regular"])))
    pdfmetrics.registerFont(TTFont("Cert-Bold", str(FONT_DIR / FONTS["bold"])))
    pdfmetrics.registerFontFamily("Cert", normal="Cert", bold="Cert-Bold")
    # embeddedHyphenation: break "Кутузова-Щедрина" after the hyphen, not anywhere.
    base = ParagraphStyle(
        "base",
        fontName="Cert",
        fontSize=11,
        leading=14.3,
        alignment=TA_CENTER,
        embeddedHyphenation=1,
    )
    styles = {
        "centre": ParagraphStyle("centre", base, fontSize=10, leading=13),
        "title": ParagraphStyle("title", base, fontName="Cert-Bold", fontSize=30, leading=36),
        "kind": ParagraphStyle("kind", base, fontSize=15, leading=19.5),
        "number": ParagraphStyle("number", base, fontSize=12, leading=15.6),
        "program": ParagraphStyle("program", base, fontName="Cert-Bold", fontSize=13, leading=17),
        "left": ParagraphStyle("left", base, alignment=TA_LEFT),
        "right": ParagraphStyle("right", base, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10.4, alignment=TA_RIGHT),
    }
    width, height = A4
    left, right, top, bottom = 20 * mm, width - 20 * mm, height - 20 * mm, 18 * mm
    qr_size = 32 * mm

    def render(cert: dict) -> bytes:
        f = {key: html.escape(str(value)) for key, value in cert.items()}
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=A4, pageCompression=1)
        c.setTitle(f"Удостоверение {cert['number']}")
        y = top

        def flow(markup, style, before=0.0, inset=0.0):
            nonlocal y
            para = Paragraph(markup, style)
            _, h = para.wrap(right - left - 2 * inset, y - bottom)
            para.drawOn(c, left + inset, y - before - h)
            y -= before + h

        # The name is broken into lines here: see LONG_NAME.
        size = name_size(cert["holder_name"])
        holder = ParagraphStyle(
            "holder", base, fontName="Cert-Bold", fontSize=size, leading=size * 1.3
        )
        lines = wrap_at_hyphens(
            cert["holder_name"],
            right - left,
            lambda text: pdfmetrics.stringWidth(text, "Cert-Bold", size),
        )
        flow(html.escape(CENTRE), styles["centre"], inset=10 * mm)
        flow("УДОСТОВЕРЕНИЕ", styles["title"], before=16 * mm)
        flow("о повышении квалификации", styles["kind"])
        flow(f"№ {f['number']}", styles["number"], before=4 * mm)
        flow("Настоящее удостоверение свидетельствует о том, что", base, before=14 * mm)
        flow("<br/>".join(html.escape(line) for line in lines), holder, before=5 * mm)
        flow(
            f"с {f['studied_from']} по {f['studied_to']} прошёл(а) обучение по "
            "дополнительной профессиональной программе повышения квалификации",
            base,
            before=5 * mm,
        )
        flow(f"«{f['program_title']}»", styles["program"], before=3 * mm, inset=5 * mm)
        flow(f"в объёме {f['hours']} часов", base, before=3 * mm)

        # Footer from the bottom up: signatory, verification URL, registration and QR.
        pos_w, line_w = (right - left) * 0.4, 35 * mm
        pos = Paragraph(f["signatory_position"], styles["left"])
        _, pos_h = pos.wrap(pos_w, height)
        pos.drawOn(c, left, bottom)
        name = Paragraph(f["signatory_name"], styles["right"])
        name.wrap(right - left - pos_w - line_w, height)
        name.drawOn(c, left + pos_w + line_w, bottom)
        c.setLineWidth(0.6)
        c.line(left + pos_w, bottom + 2, left + pos_w + line_w, bottom + 2)
        y = bottom + pos_h + 10 * mm
        url = Paragraph(f"Проверка подлинности: {f['url']}", styles["small"])
        _, url_h = url.wrap(right - left, height)
        url.drawOn(c, left, y)
        y += url_h
        info = Paragraph(
            f"Регистрационный номер {f['registration_number']}<br/>Город {f['city']}<br/>"
            f"Дата выдачи {f['issued_on']}",
            styles["left"],
        )
        info.wrap(right - left - qr_size - 2 * mm, height)
        info.drawOn(c, left, y)

        # QR: one filled path, one rectangle per run of dark modules in a row.
        qr = segno.make(cert["url"], error="m")
        module = qr_size / len(qr.matrix)
        path = c.beginPath()
        for row, bits in enumerate(qr.matrix):
            col = 0
            while col < len(bits):
                if bits[col]:
                    start = col
                    while col < len(bits) and bits[col]:
                        col += 1
                    path.rect(
                        right - qr_size + start * module,
                        y + qr_size - (row + 1) * module,
                        (col - start) * module,
                        module,
                    )
                col += 1
        c.drawPath(path, stroke=0, fill=1)
        c.showPage()
        c.save()
        return buf.getvalue()

    return render


# --- Measuring --------------------------------------------------------------------------


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def normalise(text: str) -> str:
    """Whitespace collapsed; a line broken after a hyphen joined again."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def text_of(pdf: Path) -> tuple[str, str] | None:
    """(tool, text) from the PDF's text layer, or None when no tool is there. pdftotext -raw:
    without it, a line ending in a hyphen is joined to the next one and the hyphen dropped."""
    if tool := shutil.which("pdftotext"):
        done = subprocess.run(  # noqa: S603 - a fixed tool on our own file
            [tool, "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
        )
        return "pdftotext", done.stdout.decode()
    try:
        from pypdf import PdfReader

        return "pypdf", "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    except ImportError:
        pass
    try:
        from pdfminer.high_level import extract_text

        return "pdfminer", extract_text(pdf)
    except ImportError:
        return None


def measure(engine: str, count: int, out: Path) -> dict:
    """Runs in the child process: everything about one engine."""
    rss_start = rss_mib()
    started = time.perf_counter()
    try:
        render = {"weasyprint": weasyprint_renderer, "reportlab": reportlab_renderer}[engine]()
    except ImportError as error:
        return {"engine": engine, "skipped": str(error)}
    rows = certificates(count)
    render(rows[0])  # warm-up: fonts, caches, lazy imports
    cold_ms = (time.perf_counter() - started) * 1000
    rss_warm = rss_mib()

    times, sizes = [], []
    for i, cert in enumerate(rows):
        t0 = time.perf_counter()
        pdf = render(cert)
        times.append(time.perf_counter() - t0)
        sizes.append(len(pdf))
        (out / f"{engine}-{i:03d}.pdf").write_bytes(pdf)  # outside the timing
    rss_peak = rss_mib()

    tracemalloc.start()
    peaks = []
    for cert in rows[:TRACED]:
        tracemalloc.reset_peak()
        render(cert)
        peaks.append(tracemalloc.get_traced_memory()[1])
    tracemalloc.stop()

    tool, found, failures = None, 0, []
    for i, cert in enumerate(rows):
        extracted = text_of(out / f"{engine}-{i:03d}.pdf")
        if extracted is None:
            break
        tool, text = extracted
        if normalise(cert["holder_name"]) in normalise(text):
            found += 1
        else:
            failures.append(i)

    ms = sorted(t * 1000 for t in times)
    return {
        "engine": engine,
        "version": importlib.metadata.version(engine),
        "documents": count,
        "docs_per_s": count / sum(times),
        "median_ms": statistics.median(ms),
        "p95_ms": ms[int(len(ms) * 0.95) - 1],
        "max_ms": ms[-1],
        "cold_ms": cold_ms,
        "rss_start_mib": rss_start,
        "rss_warm_mib": rss_warm,
        "rss_peak_mib": rss_peak,
        "traced_peak_mib": max(peaks) / 2**20,
        "size_median_kib": statistics.median(sizes) / 1024,
        "size_min_kib": min(sizes) / 1024,
        "size_max_kib": max(sizes) / 1024,
        "text_tool": tool,
        "names_found": found,
        "name_failures": failures[:10],
    }


def report(results: list[dict]) -> None:
    for r in results:
        if "skipped" in r:
            print(f"{r['engine']}: skipped ({r['skipped']})")
            continue
        names = (
            f"{r['names_found']}/{r['documents']} via {r['text_tool']}"
            if r["text_tool"]
            else "not checked (no pdftotext, pypdf or pdfminer.six)"
        )
        print(
            f"{r['engine']} {r['version']}, {r['documents']} documents\n"
            f"  {r['docs_per_s']:.1f} docs/s; per document median {r['median_ms']:.1f} ms, "
            f"p95 {r['p95_ms']:.1f} ms, max {r['max_ms']:.1f} ms\n"
            f"  cold start (imports, fonts, first document) {r['cold_ms']:.0f} ms\n"
            f"  peak RSS {r['rss_peak_mib']:.1f} MiB (at start {r['rss_start_mib']:.1f}, "
            f"after warm-up {r['rss_warm_mib']:.1f}); tracemalloc peak of one render "
            f"{r['traced_peak_mib']:.2f} MiB\n"
            f"  PDF size median {r['size_median_kib']:.1f} KiB "
            f"(min {r['size_min_kib']:.1f}, max {r['size_max_kib']:.1f})\n"
            f"  holder's name in the text layer: {names}"
            + (f", failed on {r['name_failures']}" if r["name_failures"] else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=200)
    parser.add_argument("--engine", choices=ENGINES, action="append")
    parser.add_argument("--out", type=Path, help="keep the PDFs in this folder")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(measure(args.child, args.count, args.out)))
        return
    with tempfile.TemporaryDirectory(prefix="certificate-bench-") as scratch:
        out = args.out or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        results = []
        for engine in args.engine or ENGINES:
            done = subprocess.run(  # noqa: S603 - our own interpreter and script
                [
                    sys.executable,
                    __file__,
                    "--child",
                    engine,
                    "-n",
                    str(args.count),
                    "--out",
                    str(out),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode:
                sys.exit(f"{engine} failed:\n{done.stderr}")
            results.append(json.loads(done.stdout.splitlines()[-1]))
        print(f"Python {sys.version.split()[0]}, {args.count} documents per engine")
        report(results)


if __name__ == "__main__":
    main()
