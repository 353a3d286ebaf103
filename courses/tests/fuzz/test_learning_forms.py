"""Fuzzing what the trainee and the trainer post (applying, withdrawing, the calendar
link, lesson completion, class attendance): no 500s, nothing written on a rejected request."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from courses.models import CalendarToken, ClassAttendance, Enrollment
from lms.tests.fuzzing import FEW, FUZZ, Fuzzer, encodings, form_data, pick, prose
from modules.models import LessonPage

pytestmark = pytest.mark.django_db


# --- the trainee


@FUZZ
@given(
    data=form_data({"organisation": st.one_of(st.just("МБОУ СОШ № 3"), prose), "position": prose}),
    encoding=encodings,
)
def test_cohort_application(users, world, data, encoding):
    url = reverse("cohort_apply", args=[world["open"].pk])
    Fuzzer(users["trainee"], watch=[Enrollment]).post(url, data, content_type=encoding)


@FEW
@given(data=form_data({}))
def test_withdrawal(users, world, data):
    url = reverse("enrollment_withdraw", args=[world["enrollment"].pk])
    Fuzzer(users["trainee"], success_redirects=False).post(url, data)


@FEW
@given(data=form_data({}))
def test_calendar_link_reset(users, world, data):
    CalendarToken.objects.get_or_create(user=users["trainee"])  # the page makes it on first view
    Fuzzer(users["trainee"], success_redirects=False).post(reverse("calendar"), data)


@FUZZ
@given(
    data=form_data(
        {
            "complete": pick("1", "0"),
            "next": pick("/learn/", "//evil.example", "/\\evil.example", "/\x00"),
        }
    )
)
def test_lesson_completion(users, world, data):
    lesson = LessonPage.objects.descendant_of(world["cohort"].program).first()
    url = reverse("lesson_complete", args=[lesson.pk])
    response, _rejected = Fuzzer(users["trainee"], success_redirects=False).post(url, data)
    if response.status_code == 302:
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")
        assert "\\" not in response["Location"][:2]


# --- the trainer


@FUZZ
@given(data=st.data())
def test_class_attendance(users, world, data):
    lesson = world["lesson"]
    people = Enrollment.objects.approved().filter(cohort=lesson.cohort)
    statuses = st.sampled_from(["present", "late", "absent", "excused", ""])
    fields = {"bulk": statuses}
    for user_id in people.values_list("user_id", flat=True):
        fields[f"status-{user_id}"] = statuses
        fields[f"remark-{user_id}"] = prose
    posted = data.draw(form_data(fields))
    url = reverse("class_attendance", args=[lesson.pk])
    Fuzzer(users["trainer"], watch=[ClassAttendance]).post(url, posted)


# --- what the fuzzing found: a 500 before the fix


def test_a_next_address_that_is_not_a_path_goes_back_to_the_lesson(users, world):
    lesson = LessonPage.objects.descendant_of(world["cohort"].program).first()
    url = reverse("lesson_complete", args=[lesson.pk])
    client = Fuzzer(users["trainee"]).client()
    for next_url in ["NaN", "learn", "evil.example"]:  # redirect() took them for view names
        response = client.post(url, {"next": next_url})
        assert response.status_code == 302 and response["Location"] == lesson.url
