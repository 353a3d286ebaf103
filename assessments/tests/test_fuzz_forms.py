"""Fuzzing the trainee's and the trainer's forms: no 500s, nothing written on a rejection.

Each endpoint is used by someone allowed to (so the input reaches the form, not a 403).
Role-plays are in test_fuzz_roleplays.py, the inputs that once broke something in
test_fuzz_found.py; the world they share is fuzz_world.py.
"""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from assessments.models import (
    CohortDeadline,
    Extension,
    Grade,
    Submission,
    SubmissionVersion,
)
from assessments.scoring import criteria
from assessments.selectors import questions_of
from assessments.services import (
    attempt_start,
    grade_save,
)
from assessments.tests.fuzz_world import TEXT, future
from assessments.tests.fuzz_world import world as world  # the fixtures
from lms.tests.fuzzing import (
    ABSENT,
    FEW,
    FUZZ,
    Fuzzer,
    button,
    encodings,
    form_data,
    json_bodies,
    junk_text,
    junk_value,
    multipart,
    pick,
    prose,
)

pytestmark = pytest.mark.django_db


# --- the trainee's written work


def answer_fields(revision):
    return {
        "text": st.one_of(st.sampled_from([TEXT, "Ольга Петровна пришла в школу № 12."]), prose),
        "revision": pick(str(revision), str(revision + 1)),
        "submit": pick(ABSENT, "1", "override"),
    }


@FUZZ
@given(data=form_data(answer_fields(0)), encoding=encodings)
def test_assignment_page(users, world, data, encoding):
    url = reverse("assignment", args=[world["written"].pk])
    _response, rejected = Fuzzer(users["trainee"], watch=[SubmissionVersion]).post(
        url, data, content_type=encoding
    )
    if rejected:
        assert not SubmissionVersion.objects.filter(submission=world["draft"]).exists()


@FUZZ
@given(data=form_data(answer_fields(0)), encoding=encodings)
def test_autosave_answers_json_and_saves_only_a_current_draft(users, world, data, encoding):
    url = reverse("assignment_autosave", args=[world["written"].pk])
    fuzzer = Fuzzer(users["trainee"], watch=[Submission], success_redirects=False)
    response, rejected = fuzzer.post(url, data, content_type=encoding)
    assert response["Content-Type"] == "application/json"
    assert response.json()["saved"] is not rejected


@FUZZ
@given(body=json_bodies())
def test_autosave_survives_raw_and_json_bodies(users, world, body):
    url = reverse("assignment_autosave", args=[world["written"].pk])
    raw, content_type = body
    fuzzer = Fuzzer(users["trainee"], watch=[Submission], success_redirects=False)
    response, _rejected = fuzzer.send("POST", url, body=raw, content_type=content_type)
    assert response.status_code in (200, 400, 409, 413)


file_names = st.one_of(
    st.sampled_from(
        [
            "analiz.pdf",
            "анализ случая.docx",
            "..",
            ".pdf",
            "a" * 300 + ".pdf",
            "𝕏" * 90 + ".pdf",  # 4-byte letters: short in characters, long in bytes
            "ю" * 140 + ".png",
            "../../etc/passwd",
            "con.pdf",
            "\u202egpj.exe",
            "x\x00.pdf",
        ]
    ),
    junk_text.map(lambda s: s[:300]),
)
file_heads = st.sampled_from(
    [b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04", b""]
)


@FUZZ
@given(
    name=file_names,
    head=file_heads,
    body=st.binary(max_size=300),
    extra=form_data({}, extra=True),
)
def test_attachment_upload(users, world, name, head, body, extra):
    url = reverse("attachment_upload", args=[world["written"].pk])
    raw, content_type = multipart(extra, {"file": (name, head + body)})
    Fuzzer(users["trainee"], success_redirects=False).send(
        "POST", url, body=raw, content_type=content_type
    )


@FEW
@given(data=form_data({}))
def test_attachment_upload_without_a_file(users, world, data):
    url = reverse("attachment_upload", args=[world["written"].pk])
    _response, rejected = Fuzzer(users["trainee"], success_redirects=False).post(url, data)
    assert rejected


# --- quizzes


@FUZZ
@given(
    data=st.one_of(
        form_data({"start": button}),
        form_data(
            {
                "q-0": st.lists(st.sampled_from(["0", "1", "2", "-1", "²", "١"]), max_size=3),
                "q-1": st.lists(st.sampled_from(["0", "1", "99", "9" * 5000]), max_size=3),
            }
        ),
    ),
    started=st.booleans(),
)
def test_quiz_page(users, world, data, started):
    quiz, enrollment = world["quiz"], world["enrollment"]
    ids = [qid for qid, _value in questions_of(quiz)]
    data = {
        k.replace("q-0", f"q-{ids[0]}").replace("q-1", f"q-{ids[1]}"): v for k, v in data.items()
    }

    def start():
        if started:
            attempt_start(assignment=quiz, enrollment=enrollment, by=enrollment.user)

    Fuzzer(users["trainee"], success_redirects=False).post(
        reverse("quiz", args=[quiz.pk]), data, prepare=start
    )


# --- grading


def grade_fields(world):
    rubric = world["written"].rubric
    fields = {f"level-{cid}": st.sampled_from(["0", "1", "2", "7"]) for cid, _v in criteria(rubric)}
    fields.update({f"comment-{cid}": prose for cid, _v in criteria(rubric)})
    fields.update(
        {
            "comment": st.one_of(st.just("**Верните** <script>x()</script>"), prose),
            "score": pick("5", "10", "10.5", "0", "-1", "7,5", "NaN", "1e-1000000"),
            "final": button,
            "lock_version": pick("0", "1"),
            "return": button,
            "moderation_request": button,
            "moderation_done": button,
            "moderation_note": prose,
        }
    )
    return fields


@FUZZ
@given(data=st.data(), which=st.sampled_from(["graded", "scored"]))
def test_grade_page(users, world, data, which):
    fields = grade_fields(world)
    moderator = users["trainer"].__class__.objects.get(last_name="Модераторова")
    fields["moderator"] = st.sampled_from([str(moderator.pk), str(users["trainer"].pk), "abc"])
    posted = data.draw(form_data(fields))
    submission = world[which]
    Fuzzer(users["trainer"], watch=[Grade, Submission]).post(
        reverse("grade_submission", args=[submission.pk]), posted
    )


@FEW
@given(data=form_data({}))
def test_release_and_release_all(users, world, data):
    cohort, written = world["cohort"], world["written"]
    fuzzer = Fuzzer(users["trainer"], success_redirects=False)
    fuzzer.post(reverse("grades_release", args=[written.pk, cohort.pk]), data)
    fuzzer.post(reverse("grades_release_all", args=[cohort.pk]), data)


@FEW
@given(data=form_data({}), which=st.sampled_from(["skills", "written"]))
def test_skills_live(users, world, data, which):
    url = reverse("skills_live", args=[world[which].pk, world["enrollment"].pk])
    Fuzzer(users["trainer"], success_redirects=False).post(url, data)


@FUZZ
@given(data=st.data())
def test_extensions_and_cohort_deadlines(users, world, data):
    fields = {
        "enrollment": pick(str(world["enrollment"].pk), "0", "abc", "1.0"),
        "assignment": pick(str(world["written"].pk), str(world["manual"].pk), "x"),
        "due_at": pick(future(), future(-3), "2027-02-30T10:00", "завтра"),
        "reason": prose,
        "cohort_deadline": button,
    }
    posted = data.draw(form_data(fields))
    url = reverse("extensions", args=[world["cohort"].pk])
    Fuzzer(users["trainer"], watch=[Extension, CohortDeadline]).post(url, posted)


@FEW
@given(data=form_data({}), final=st.booleans())
def test_grade_release(users, world, data, final):
    def prepare():
        if final:
            grade_save(submission=world["scored"], by=users["trainer"], manual_score=7, final=True)

    Fuzzer(users["trainer"], success_redirects=False).post(
        reverse("grade_release", args=[world["scored"].pk]), data, prepare=prepare
    )


# --- filters on GET pages


@FUZZ
@given(data=st.data())
def test_grading_queue_filter(users, world, data):
    query = data.draw(
        form_data(
            {
                "cohort": st.one_of(pick(str(world["cohort"].pk), ""), junk_value),
                "assignment": st.one_of(pick(str(world["written"].pk), ""), junk_value),
                "status": st.one_of(pick("submitted", "graded", "returned", ""), junk_value),
                "page": st.one_of(pick("1", "2", "last", "-1", "9" * 30), junk_value),
            }
        )
    )
    Fuzzer(users["trainer"]).get(reverse("grading_queue"), query)


@FUZZ
@given(data=form_data({"module": st.sampled_from(["", "0", "1"])}))
def test_gradebook_module_choice(users, world, data):
    Fuzzer(users["trainer"]).get(reverse("gradebook", args=[world["cohort"].pk]), data)
