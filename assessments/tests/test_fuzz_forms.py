"""Fuzzing the trainee's and the trainer's forms: no 500s, nothing written on a rejection.

Each endpoint is used by someone allowed to (so the input reaches the form, not a 403).
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from assessments.models import (
    Attachment,
    CohortDeadline,
    Extension,
    Grade,
    RolePlayParticipant,
    RolePlaySession,
    Submission,
    SubmissionVersion,
)
from assessments.roleplays import cast_of, participant_view, roles_assign
from assessments.scoring import criteria
from assessments.services import draft_save, submission_get_or_create, submission_submit
from assessments.tests.factories import AssignmentFactory
from assessments.tests.test_quizzes import QUESTIONS
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from lms.tests.fuzzing import (
    ABSENT,
    FEW,
    FUZZ,
    NASTY,
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
from modules.models import ModulePage

pytestmark = pytest.mark.django_db

TEXT = "Подросток (имя изменено) согласился на встречу; стороны заключили договор."
ROLES = [
    ("role", {"name": "Медиатор", "kind": "mediator", "brief": "Ведите встречу."}),
    ("role", {"name": "Сторона", "kind": "party", "brief": "Секрет стороны."}),
    ("role", {"name": "Наблюдатель", "kind": "observer", "brief": "Наблюдайте."}),
]


def hand_in(assignment, enrollment, text=TEXT):
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
    draft_save(submission=submission, text=text, revision=0, by=enrollment.user)
    submission_submit(submission=submission, by=enrollment.user)
    return submission


@pytest.fixture
def world(users, make_user):
    program = build_program(modules=1, lessons=1)
    module = ModulePage.objects.child_of(program).get()
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    peers = [EnrollmentFactory(cohort=cohort) for _ in range(2)]
    make_user("trainer", last_name="Модераторова")
    written = AssignmentFactory(module=module, max_score=18, passing_score=9)
    manual = AssignmentFactory(module=module, rubric=None, max_score=10, passing_score=5)
    quiz = AssignmentFactory(
        module=module, kind="quiz", rubric=None, questions=QUESTIONS, attempts_limit=3
    )
    roleplay = AssignmentFactory(module=module, kind="role_play", rubric=None, roles=ROLES)
    skills = AssignmentFactory(module=module, kind="skills", rubric=None)
    return {
        "cohort": cohort,
        "enrollment": enrollment,
        "peers": peers,
        "written": written,
        "manual": manual,
        "quiz": quiz,
        "roleplay": roleplay,
        "skills": skills,
        # The trainee's own draft of the written work (opening the page creates it).
        "draft": submission_get_or_create(assignment=written, enrollment=enrollment),
        # Two handed-in works of the peers, waiting for a grade.
        "graded": hand_in(written, peers[0]),
        "scored": hand_in(manual, peers[1]),
    }


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
    from assessments.quizzes import attempt_start, questions_of

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


def future(days=30):
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


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


# --- role-plays


@FUZZ
@given(
    data=form_data(
        {
            "starts_at": pick(future(), "2027-03-01T10:00", "2027-03-01 10:00+07:00"),
            "duration": pick("90", "", "14", "601", "1.5", "9" * 30),
            "place": prose,
        }
    )
)
def test_roleplay_new_session(users, world, data):
    url = reverse("roleplay_new", args=[world["roleplay"].pk, world["cohort"].pk])
    Fuzzer(users["trainer"]).post(url, data)


@pytest.fixture
def session(world, users):
    session = RolePlaySession.objects.create(
        assignment=world["roleplay"], cohort=world["cohort"], starts_at=timezone.now()
    )
    ids = list(cast_of(world["roleplay"]))
    roles_assign(
        session=session,
        roles={
            world["peers"][0].pk: ids[0],
            world["peers"][1].pk: ids[1],
            world["enrollment"].pk: ids[2],  # the trainee observes
        },
        by=users["trainer"],
    )
    return session


@FUZZ
@given(data=st.data())
def test_roleplay_roles(users, world, session, data):
    ids = list(cast_of(world["roleplay"]))
    people = [world["enrollment"], *world["peers"]]
    fields = {f"role-{e.pk}": st.sampled_from([*ids, ""]) for e in people}
    posted = data.draw(form_data(fields))
    Fuzzer(users["trainer"], watch=[RolePlayParticipant]).post(
        reverse("roleplay", args=[session.pk]), posted
    )


@FUZZ
@given(data=form_data({"observation": prose}))
def test_roleplay_observation(users, world, session, data):
    assert participant_view(session=session, user=users["trainee"])["observer"]
    Fuzzer(users["trainee"], watch=[RolePlayParticipant]).post(
        reverse("roleplay", args=[session.pk]), data
    )


@FEW
@given(data=form_data({}), started=st.booleans())
def test_roleplay_held(users, world, session, data, started):
    def prepare():
        if not started:
            RolePlaySession.objects.filter(pk=session.pk).update(
                starts_at=timezone.now() + timedelta(days=2)
            )

    Fuzzer(users["trainer"], success_redirects=False).post(
        reverse("roleplay_held", args=[session.pk]), data, prepare=prepare
    )


@FEW
@given(data=form_data({}), final=st.booleans())
def test_grade_release(users, world, data, final):
    from assessments.grading import grade_save

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


# --- what the fuzzing found: each was a 500 before the fix


def signed_in(user):
    return Fuzzer(user).client()


LOOKS_LIKE_A_NUMBER = ["²", "9" * 5000]  # str.isdigit() passes them, int() refuses them


def test_a_quiz_answer_that_only_looks_like_a_number_is_ignored(users, world):
    from assessments.models import QuizAttempt
    from assessments.quizzes import attempt_start, questions_of

    quiz, enrollment = world["quiz"], world["enrollment"]
    attempt_start(assignment=quiz, enrollment=enrollment, by=enrollment.user)
    first = questions_of(quiz)[0][0]
    url = reverse("quiz", args=[quiz.pk])
    response = signed_in(users["trainee"]).post(url, {f"q-{first}": LOOKS_LIKE_A_NUMBER})
    assert response.status_code == 302
    assert QuizAttempt.objects.get().answers.get(first, []) == []


def test_a_rubric_level_or_a_score_that_is_not_a_number_is_explained(users, world):
    client = signed_in(users["trainer"])
    for level in LOOKS_LIKE_A_NUMBER:
        data = {f"level-{cid}": level for cid, _v in criteria(world["written"].rubric)}
        url = reverse("grade_submission", args=[world["graded"].pk])
        assert client.post(url, {**data, "lock_version": "0"}).status_code == 200
    for score in ["NaN", "sNaN", "-Infinity"]:
        url = reverse("grade_submission", args=[world["scored"].pk])
        response = client.post(url, {"score": score, "lock_version": "0"})
        assert response.status_code == 200 and "числом" in response.content.decode()
    assert not Grade.objects.exists()


BAD_DEADLINES = [
    {"enrollment": "x"},
    {"enrollment": "9" * 5000},
    {"due_at": "2027-02-30T10:00"},  # well formed, no such day
    {"due_at": "9999-12-31T23:59:59-12:00"},  # past the year 9999 in UTC
    {"cohort_deadline": "1", "assignment": "x"},
    {"cohort_deadline": "1", "due_at": "0001-01-01T00:00"},  # before the year 1 in UTC
]


def test_bad_deadlines_and_role_play_times_are_explained_and_nothing_is_saved(users, world):
    client = signed_in(users["trainer"])
    for form in BAD_DEADLINES:
        data = {
            "enrollment": world["enrollment"].pk,
            "assignment": world["written"].pk,
            "due_at": future(),
            "reason": "Болел",
            **form,
        }
        url = reverse("extensions", args=[world["cohort"].pk])
        response = client.post(url, data, follow=True)
        assert response.status_code == 200 and "alert-danger" in response.content.decode(), form
    for starts_at in ["2027-02-30T10:00", "0001-01-01T00:00"]:
        url = reverse("roleplay_new", args=[world["roleplay"].pk, world["cohort"].pk])
        assert client.post(url, {"starts_at": starts_at}).status_code == 200
    assert not Extension.objects.exists() and not CohortDeadline.objects.exists()
    assert not RolePlaySession.objects.exists()


def test_the_gradebook_ignores_a_module_that_is_not_an_id(users, world):
    client = signed_in(users["trainer"])
    url = reverse("gradebook", args=[world["cohort"].pk])
    for module in ["x", "1.5", "-" + "9" * 30, "9" * 30]:
        assert client.get(url, {"module": module}).status_code == 200


def test_a_file_name_too_long_for_the_disk_is_kept_only_as_the_name(users, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    name = "𝕏" * 90 + ".pdf"  # 90 characters, 364 bytes: over the file system's 255
    client = signed_in(users["trainee"])
    upload = SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n")
    response = client.post(
        reverse("attachment_upload", args=[world["written"].pk]), {"file": upload}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.name == name and attachment.file.name.endswith(".pdf")
    download = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert "%F0%9D%95%8F" in download["Content-Disposition"]  # the name the trainee gave


def test_nul_characters_are_dropped_from_what_is_stored(users, world, session):
    """PostgreSQL refuses NUL in text (a 500 there); SQLite would have kept it."""
    trainee, trainer = signed_in(users["trainee"]), signed_in(users["trainer"])
    written = world["written"]
    trainee.post(reverse("assignment", args=[written.pk]), {"text": "От\x00вет", "revision": 0})
    trainee.post(reverse("roleplay", args=[session.pk]), {"observation": "На\x00блюдение"})
    trainer.post(
        reverse("roleplay_new", args=[world["roleplay"].pk, world["cohort"].pk]),
        {"starts_at": future(), "place": "ауд.\x00 5"},
    )
    trainer.post(
        reverse("extensions", args=[world["cohort"].pk]),
        {
            "enrollment": world["enrollment"].pk,
            "assignment": written.pk,
            "due_at": future(),
            "reason": "Бо\x00лел",
        },
    )
    trainer.post(
        reverse("grade_submission", args=[world["scored"].pk]),
        {"score": "7", "comment": "Хоро\x00шо", "lock_version": "0"},
    )
    world["draft"].refresh_from_db()
    assert world["draft"].draft == "Ответ"
    assert RolePlayParticipant.objects.get(enrollment=world["enrollment"]).observation == (
        "Наблюдение"
    )
    assert RolePlaySession.objects.exclude(pk=session.pk).get().place == "ауд. 5"
    assert Extension.objects.get().reason == "Болел"
    assert Grade.objects.get().comment == "Хорошо"


def test_the_strategies_hold_the_inputs_that_found_bugs():
    assert {"²", "NaN", "2027-02-30T10:00", "9999-12-31T23:59:59-12:00"} <= set(NASTY)
