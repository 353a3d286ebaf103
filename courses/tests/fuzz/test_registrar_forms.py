"""Fuzzing the registrar's desk in the admin: enrollment decisions, guardian consent,
staff-list imports and the cohort form: no 500s, nothing written on a rejected request."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from courses.models import Certificate, ClassSession, Cohort, Enrollment, GuardianConsent
from lms.accounts.models import User
from lms.tests.fuzzing import FUZZ, Fuzzer, form_data, junk_text, multipart, pick, prose

pytestmark = pytest.mark.django_db


# --- the registrar's enrollment desk in the admin


@FUZZ
@given(
    data=form_data(
        {
            "action": pick("approve", "waitlist", "decline", "expel"),
            "reason": st.one_of(st.just("Нет мест."), prose),
        }
    ),
)
def test_enrollment_decision(users, world, data):
    url = reverse("courses_admin:decide", args=[world["applied"].pk])
    Fuzzer(users["registrar"], watch=[Enrollment], success_redirects=False).post(url, data)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
file_names = st.one_of(
    st.sampled_from(["consent.pdf", "скан согласия.jpg", "𝕏" * 90 + ".pdf", "..", ""]),
    junk_text.map(lambda s: s[:300]),
)


@FUZZ
@given(
    data=form_data(
        {
            "guardian_full_name": st.one_of(st.just("Петрова Анна Ивановна"), prose),
            "guardian_relation": pick("мать", ""),
            "given_on": pick("2026-01-15", "2099-01-01", "0001-01-01", "31.12.2025"),
        }
    ),
    name=file_names,
    content=st.sampled_from([PDF, b"\xff\xd8\xff" + b"0" * 50, b"MZ\x90\x00", b""]),
    with_file=st.booleans(),
)
def test_guardian_consent(users, world, data, name, content, with_file):
    url = reverse("courses_admin:consent", args=[world["minor"].pk])
    raw, content_type = multipart(data, {"document": (name, content)} if with_file else {})
    Fuzzer(users["registrar"], watch=[GuardianConsent]).send(
        "POST", url, body=raw, content_type=content_type
    )


def csv_rows(rows):
    return "\n".join(";".join(row) for row in rows)


cells = st.one_of(pick("Сидорова", "Ольга", "", "МБОУ СОШ № 3"), junk_text)
staff_rows = st.lists(
    st.tuples(
        cells,
        cells,
        cells,
        st.one_of(
            st.builds("{}.{}@example.org".format, st.integers(0, 99), st.sampled_from("abc")),
            pick("o.sidorova@example.org", "P.Kuzmin@Example.org"),
            junk_text,
        ),
        st.one_of(st.just("МБОУ СОШ № 3"), prose),
        cells,
    ),
    max_size=4,
)
HEADER = ("Фамилия", "Имя", "Отчество", "Email", "Организация", "Должность")


@st.composite
def staff_files(draw):
    rows = [HEADER, *draw(staff_rows)]
    form = draw(st.sampled_from(["csv", "xlsx", "cp1251", "raw", "huge_field", "nul"]))
    if form == "xlsx":
        book = Workbook()
        for row in rows:
            book.active.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
        data = io.BytesIO()
        book.save(data)
        return "staff.xlsx", data.getvalue()
    if form == "cp1251":
        return "staff.csv", csv_rows(rows).encode("cp1251", errors="replace")
    if form == "raw":
        return draw(st.sampled_from(["staff.csv", "staff.xlsx", "staff.txt"])), draw(st.binary())
    if form == "huge_field":  # one cell larger than the csv module's field limit
        return "staff.csv", (csv_rows(rows) + "\n" + '"' + "я" * 140_000 + '"').encode()
    if form == "nul":
        return "staff.csv", csv_rows(rows).replace(";", "\x00", 1).encode()
    return "staff.csv", csv_rows(rows).encode("utf-8")


@FUZZ
@given(upload=staff_files())
def test_staff_list_import(users, world, upload):
    url = reverse("courses_admin:import", args=[world["open"].pk])
    raw, content_type = multipart({}, {"file": upload})
    Fuzzer(users["registrar"], watch=[Enrollment, User]).send(
        "POST", url, body=raw, content_type=content_type
    )


# --- the cohort form in the admin (Wagtail's model form with the timetable inline)


@FUZZ
@given(data=st.data(), existing=st.booleans())
def test_cohort_admin_form(users, world, data, existing):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    cohort = world["cohort"]
    session = data.draw(
        form_data(
            {
                "date": pick("2027-02-01", "2027-02-30", "9999-12-31"),
                "starts_at": pick("10:00", "25:00"),
                "ends_at": pick("13:00", "09:00"),
                "topic": st.one_of(st.just("Введение"), prose),
                "place": prose,
                "online_url": pick("", "https://meet.example.org/x", "javascript:alert(1)"),
            },
            extra=False,
        )
    )
    fields = data.draw(
        form_data(
            {
                "name": st.one_of(st.just("ПСП-254, группа 2027/1"), prose),
                "starts_on": pick("2027-02-01", "2027-13-01", "0001-01-01"),
                "ends_on": pick("2027-06-30", "2027-01-01", "9999-12-31"),
                "delivery": pick("centre", "online", "moon"),
                "venue": prose,
                "capacity": pick("20", "0", "-1", "32768", "9" * 30),
                "accepts_applications": pick("on", ""),
            },
            extra=False,
        )
    )
    # The page choosers ("program", "module") post a hidden numeric id; junk there is a 500
    # in Wagtail itself (AdminChooser.get_instance re-renders it with objects.get(pk="x")),
    # and ids beyond 64 bits are one in Django on SQLite (a page's pk is a relation). Both
    # are reported, not patched here; the fuzzing sticks to ids a browser can send.
    fields["program"] = data.draw(pick(str(cohort.program_id), "", "0", "999999"))
    session["module"] = data.draw(pick("", "0", "999999"))
    posted = nested_form_data({**fields, "sessions": inline_formset([session])})
    # Not ids beyond 64 bits here: Django's __in lookup (ModelMultipleChoiceField) hands them
    # to SQLite unchecked, an OverflowError in Django itself (PostgreSQL answers "no match").
    posted["trainers"] = data.draw(pick([str(users["trainer"].pk)], ["x"], ["9" * 18]))
    url = f"/admin/cohorts/edit/{cohort.pk}/" if existing else "/admin/cohorts/new/"
    Fuzzer(users["registrar"], watch=[Cohort, ClassSession]).post(url, posted)


# --- what the fuzzing found: each was a 500 before the fix


def test_a_consent_scan_named_too_long_for_the_disk_is_recorded(users, world):
    url = reverse("courses_admin:consent", args=[world["minor"].pk])
    scan = SimpleUploadedFile("𝕏" * 90 + ".pdf", PDF)  # 90 characters, 364 bytes
    form = {"guardian_full_name": "Петрова Анна", "guardian_relation": "мать"}
    client = Fuzzer(users["registrar"]).client()
    response = client.post(url, {**form, "given_on": "2026-01-15", "document": scan})
    assert response.status_code == 302
    assert GuardianConsent.objects.get().document.name.endswith(".pdf")


def upload_staff_list(users, world, content: bytes):
    url = reverse("courses_admin:import", args=[world["open"].pk])
    client = Fuzzer(users["registrar"]).client()
    return client.post(url, {"file": SimpleUploadedFile("staff.csv", content)})


def test_a_csv_cell_over_the_csv_modules_limit_is_explained(users, world):
    text = ";".join(HEADER) + "\nСидорова;Ольга;;o.sidorova@example.org;" + "я" * 140_000
    response = upload_staff_list(users, world, text.encode())
    assert response.status_code == 200
    assert not Enrollment.objects.filter(cohort=world["open"]).exists()


def test_a_csv_with_old_mac_line_endings_is_read(users, world):
    rows = [
        ";".join(HEADER),
        "Сидорова;Ольга;;o.sidorova@example.org;;",
        "Кузьмин;Пётр;;p@example.org;;",
    ]
    response = upload_staff_list(users, world, "\r".join(rows).encode())
    assert response.status_code == 302
    assert Enrollment.objects.filter(cohort=world["open"]).count() == 2


def test_nul_characters_are_dropped_from_a_reason_and_a_staff_list(users, world):
    """PostgreSQL refuses NUL in text (a 500 there); SQLite would have kept it."""
    url = reverse("certificate_change", args=[world["certificate"].pk])
    Fuzzer(users["registrar"]).client().post(url, {"action": "revoke", "reason": "Оши\x00бка"})
    assert Certificate.objects.get(pk=world["certificate"].pk).revocation_reason == "Ошибка"
    rows = [";".join(HEADER), "Сидо\x00рова;Ольга;;o.sidorova@example.org;;"]
    assert upload_staff_list(users, world, "\n".join(rows).encode()).status_code == 302
    assert User.objects.get(email="o.sidorova@example.org").last_name == "Сидорова"
