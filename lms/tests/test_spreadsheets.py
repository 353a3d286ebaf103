"""Every spreadsheet export writes typed text as text: no formula ever reaches Excel."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from assessments.tests.factories import AssignmentFactory
from assessments.tests.test_grading_views import hand_in
from courses.certificates.services import certificate_issue
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tests.test_certificates import _finish
from lms.accounts.tests.factories import TerritoryFactory
from lms.spreadsheets import cells, csv_text
from modules.models import ModulePage

pytestmark = pytest.mark.django_db
HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\t=1"]


def _sheet(content: bytes, name=None):
    book = load_workbook(io.BytesIO(content))
    return book[name] if name else book.active


def _no_formulas(sheet) -> list:
    every = [c for row in sheet.iter_rows() for c in row]
    assert every, "the sheet is empty"
    assert [c.coordinate for c in every if c.data_type == "f"] == []
    return every


def _texts(every) -> set:
    return {c.value for c in every if c.data_type == "s"}


def test_the_helper_keeps_text_as_text_and_numbers_as_numbers():
    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    sheet.append(cells(sheet, [*HOSTILE, "#N/A", "Иванова", 12.5, 36, None]))
    data = io.BytesIO()
    book.save(data)
    row = next(_sheet(data.getvalue()).iter_rows())
    assert [c.value for c in row[:7]] == [*HOSTILE, "#N/A", "Иванова"]
    assert {c.data_type for c in row[:7]} == {"s"}
    # Excel and LibreOffice keep a quote-prefixed cell as text even when it is edited.
    assert [c.quotePrefix for c in row[:7]] == [True] * 5 + [False, False]
    assert (row[7].value, row[7].data_type, row[8].value, row[8].data_type) == (12.5, "n", 36, "n")


def test_csv_fields_that_look_like_formulas_get_an_apostrophe():
    assert [csv_text(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert [csv_text("Иванова"), csv_text(18), csv_text(None)] == ["Иванова", "18", ""]


def _trainees(cohort):
    """One trainee per hostile string, in every field they type themselves."""
    enrollments = []
    for text in HOSTILE:
        enrollment = EnrollmentFactory(
            cohort=cohort,
            user__last_name=text,
            user__first_name=text,
            user__patronymic=text,
            organisation=text,
        )
        enrollments.append(enrollment)
    return enrollments


def test_the_gradebook_xlsx_writes_names_and_organisations_as_text(client, users):
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    assignment = AssignmentFactory(
        module=ModulePage.objects.child_of(program).get(), title="=1+1", rubric=None
    )
    from assessments.services import grade_save

    for enrollment in _trainees(cohort):
        submission = hand_in(assignment, enrollment)
        grade_save(submission=submission, by=users["trainer"], manual_score=7, final=True)
    client.force_login(users["trainer"])
    sheet = _sheet(client.get(reverse("gradebook_xlsx", args=[cohort.pk])).content)
    every = _no_formulas(sheet)
    assert set(HOSTILE) <= _texts(every)
    scores = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert scores == [7.0] * len(HOSTILE)  # still numbers


def test_the_register_xlsx_writes_names_as_text(client, users):
    cohort = CohortFactory(program=build_program(modules=1, lessons=1))
    for enrollment in _trainees(cohort):
        _finish(enrollment)
        certificate_issue(enrollment=enrollment, by=users["registrar"], render_later=False)
    client.force_login(users["registrar"])
    sheet = _sheet(client.get(reverse("certificate_register_xlsx")).content, "Шаблон")
    every = _no_formulas(sheet)
    names = {r[21] for r in sheet.iter_rows(min_row=2, values_only=True)}
    # Names are stored stripped ("\t=1" as "=1"), and still begin like a formula.
    assert names == {text.strip() for text in HOSTILE}
    assert names <= _texts(every)
    hours = [r[20] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert hours == [cohort.program.total_hours] * len(HOSTILE)


def test_the_monitoring_xlsx_writes_territory_names_as_text(client, users):
    from supervision.models import EntryStatus, PracticeEntry
    from supervision.tests.factories import EntryFactory, ServiceFactory

    for text in HOSTILE:
        service = ServiceFactory(territory=TerritoryFactory(name=text))
        EntryFactory(service=service, status=EntryStatus.SIGNED)

    year = PracticeEntry.objects.first().joint_meeting_on.year
    client.force_login(users["registrar"])
    export = client.get(reverse("monitoring_report_xlsx"), {"year": year})
    book = load_workbook(io.BytesIO(export.content))
    every = []
    for sheet in book.worksheets:
        every += _no_formulas(sheet)
    assert set(HOSTILE) <= _texts(every)
    by_territory = book[book.sheetnames[-1]]
    rows = list(by_territory.iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in rows} == set(HOSTILE)
    assert all(isinstance(r[2], int) for r in rows)  # counts stay numbers
