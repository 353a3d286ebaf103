"""Personal data: declarations cover every model, export, erasure, consent, retention, audit."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from assessments.models import Attachment, Submission
from assessments.services import draft_save, submission_get_or_create, submission_submit
from assessments.tests.factories import AssignmentFactory
from courses.certificates.services import certificate_issue
from courses.models import Certificate
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tests.test_certificates import _finish
from lms.accounts.models import Consent, ConsentKind
from lms.privacy.registry import registry
from lms.privacy.retention import retention_purge
from lms.privacy.services import consent_give, person_erase
from modules.models import ModulePage
from supervision.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db
OURS = {"accounts", "home", "notifications", "courses", "modules", "assessments", "supervision"}
TEXT = "Конфликт двух подростков: медиатор выслушал обе стороны и помог договориться."


def _reaches_a_user(model, depth=0, seen=()):
    user = get_user_model()
    for field in model._meta.get_fields():
        if not (field.is_relation and field.concrete and field.related_model):
            continue
        if field.related_model is user:
            return True
        related = field.related_model
        if (
            depth < 2
            and related._meta.app_label in OURS
            and related not in (*seen, model)
            and _reaches_a_user(related, depth + 1, (*seen, model))
        ):
            return True
    return False


def test_every_model_that_reaches_a_person_is_declared():
    from wagtail.models import Page

    declared = {d.model for d in registry.personal} | {d.model for d in registry.not_personal}
    missing = [
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in OURS
        and not issubclass(m, Page)  # content pages: their owner is an editor at work
        and (_reaches_a_user(m) or m is get_user_model())
        and m._meta.label not in declared
    ]
    assert missing == [], f"declare these in <app>/personal_data.py: {missing}"


@pytest.fixture
def world(users, settings):
    trainee = users["trainee"]
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    enrollment = EnrollmentFactory(cohort=cohort, user=trainee)
    _finish(enrollment)
    certificate = certificate_issue(
        enrollment=enrollment, by=users["registrar"], render_later=False
    )
    assignment = AssignmentFactory(module=ModulePage.objects.child_of(program).get())
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
    draft_save(submission=submission, text=TEXT, revision=0, by=trainee)
    submission_submit(submission=submission, by=trainee)
    attachment = Attachment.objects.create(
        submission=submission, name="анализ.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("analiz.pdf", ContentFile(b"%PDF-1.4\n"))
    consent_give(user=trainee)
    other = EnrollmentFactory(cohort=cohort)
    return {
        "trainee": trainee,
        "enrollment": enrollment,
        "submission": submission,
        "attachment": attachment,
        "certificate": certificate,
        "other": other.user,
    }


def _zip(response) -> tuple[dict, zipfile.ZipFile]:
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return json.loads(archive.read("data.json")), archive


def test_a_trainee_downloads_everything_kept_about_them_and_nothing_about_others(client, world):
    client.force_login(world["trainee"])
    response = client.get(reverse("my_data_export"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    data, archive = _zip(response)
    assert data["data"]["accounts.User"][0]["email"] == world["trainee"].email
    assert data["data"]["assessments.SubmissionVersion"][0]["text"] == TEXT
    assert data["data"]["courses.Certificate"][0]["number"] == world["certificate"].number
    assert data["data"]["accounts.Consent"][0]["text_id"]
    assert "password" not in data["data"]["accounts.User"][0]
    names = archive.namelist()
    assert any(n.startswith("files/assessments.Attachment/") for n in names)
    assert world["other"].email not in json.dumps(data, ensure_ascii=False)
    assert ModelLogEntry.objects.filter(action="lms.privacy.export").count() == 1


def test_the_export_holds_a_grade_only_once_released_and_never_its_moderation(
    client, users, world, make_user
):
    from assessments.scoring import criteria
    from assessments.services import (
        grade_save,
        grades_release,
        moderation_complete,
        moderation_request,
    )

    trainee, submission = world["trainee"], world["submission"]
    levels = {cid: 1 for cid, _v in criteria(submission.assignment.rubric)}
    grade = grade_save(
        submission=submission, by=users["trainer"], choices=levels, comment="Черновик", final=True
    )
    second = make_user("trainer")
    moderation_request(grade=grade, moderator=second, by=users["trainer"])
    grade.refresh_from_db()
    moderation_complete(grade=grade, by=second, note="Завышено на балл, обсудить")
    client.force_login(trainee)

    data, _archive = _zip(client.get(reverse("my_data_export")))
    assert data["data"]["assessments.Grade"] == []  # not released yet
    text = json.dumps(data, ensure_ascii=False)
    assert "Черновик" not in text and "Завышено" not in text
    assert data["withheld"]["assessments.Grade"]  # and the export says so

    grades_release(
        assignment=submission.assignment, cohort=world["enrollment"].cohort, by=users["trainer"]
    )
    data, _archive = _zip(client.get(reverse("my_data_export")))
    [exported] = data["data"]["assessments.Grade"]
    assert exported["score"] == str(grade.score) and exported["comment"] == "Черновик"
    assert exported["choices"] == levels and exported["released_at"]
    assert not {"moderator_id", "moderated_at", "moderation_note"} & set(exported)
    assert "Завышено" not in json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(
    ("role", "status"), [("registrar", 200), ("trainer", 403), ("nobody", 403)]
)
def test_only_the_registrar_exports_someone_elses_data(client, users, world, role, status):
    client.force_login(users[role])
    url = reverse("privacy_person_export", args=[world["trainee"].pk])
    assert client.get(url).status_code == status
    assert client.get(reverse("privacy_person", args=[world["trainee"].pk])).status_code == status


def test_erasure_removes_the_work_keeps_the_certificate_and_anonymises_the_person(
    client, users, world, django_capture_on_commit_callbacks
):
    trainee, attachment = world["trainee"], world["attachment"]
    path = attachment.file.path
    client.force_login(users["registrar"])
    with django_capture_on_commit_callbacks(execute=True):  # files go once the rows have
        response = client.post(
            reverse("privacy_person", args=[trainee.pk]),
            {"reason": "заявление от 20.11.2026", "confirm": trainee.email.upper()},
            follow=True,
        )
    assert "удален" in response.content.decode().lower()
    trainee.refresh_from_db()
    assert not trainee.is_active and trainee.email.endswith("@invalid")
    assert trainee.last_name == "Удалено" and not trainee.has_usable_password()
    assert not Submission.objects.filter(enrollment__user=trainee).exists()
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    import os

    assert not os.path.exists(path)
    certificate = Certificate.objects.get(pk=world["certificate"].pk)
    assert certificate.holder_name == world["certificate"].holder_name  # the law keeps it
    assert Consent.objects.filter(user=trainee).exists()  # proof of the legal basis
    assert ModelLogEntry.objects.filter(action="lms.privacy.erase").count() == 1
    assert world["other"].is_active


def test_erasure_needs_the_email_typed_and_a_reason_and_changes_nothing_otherwise(
    client, users, world
):
    trainee = world["trainee"]
    client.force_login(users["registrar"])
    url = reverse("privacy_person", args=[trainee.pk])
    response = client.post(url, {"reason": "просьба", "confirm": "wrong@example.org"})
    assert "Введите адрес электронной почты" in response.content.decode()
    response = client.post(url, {"reason": " ", "confirm": trainee.email})
    assert "Укажите причину" in response.content.decode()
    trainee.refresh_from_db()
    assert trainee.is_active and Submission.objects.filter(enrollment__user=trainee).exists()


def test_nobody_but_the_registrar_erases(users, world):
    with pytest.raises(PermissionDenied):
        person_erase(person=world["trainee"], by=users["trainer"], reason="x")


def test_sign_up_needs_a_separate_consent_and_records_its_version(client):
    from lms.accounts.tests.test_signup import SIGNUP

    refused = client.post(reverse("account_signup"), {**SIGNUP, "consent_personal_data": ""})
    assert "Для регистрации нужно ваше согласие" in refused.content.decode()
    assert not get_user_model().objects.filter(email=SIGNUP["email"]).exists()
    client.post(reverse("account_signup"), SIGNUP)
    consent = Consent.objects.get(user__email=SIGNUP["email"])
    assert consent.text.kind == ConsentKind.PERSONAL_DATA and consent.text.version == 1


def test_the_consent_text_is_public_with_its_versions(client):
    response = client.get(reverse("consent_text", args=["personal_data"]))
    assert response.status_code == 200 and "Версия 1" in response.content.decode()
    assert client.get(reverse("consent_text", args=["nonsense"])).status_code == 404


def test_withdrawing_consent_is_recorded_and_the_registrar_is_told(client, users, world):
    consent = Consent.objects.get(user=world["trainee"])
    client.force_login(world["trainee"])
    client.post(reverse("consent_withdraw", args=[consent.pk]))
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert ModelLogEntry.objects.filter(action="lms.consent.withdraw").exists()
    again = client.post(reverse("consent_withdraw", args=[consent.pk]), follow=True)
    assert "уже отозвано" in again.content.decode()
    client.force_login(users["registrar"])
    assert str(world["trainee"]) in client.get(reverse("privacy_people")).content.decode()


def test_someone_elses_consent_cannot_be_withdrawn(client, users, world):
    consent = Consent.objects.get(user=world["trainee"])
    client.force_login(users["nobody"])
    assert client.post(reverse("consent_withdraw", args=[consent.pk])).status_code == 404


def test_retention_dry_run_reports_and_apply_purges_only_what_expired(world):
    cohort = world["enrollment"].cohort
    session = SessionFactory(cohort=cohort)
    Submission.objects.filter(pk=world["submission"].pk).update(draft="черновик")
    today = timezone.localdate()
    report = {line.name: line.count for line in retention_purge(today=today)}
    assert report == {"drafts": 0, "uploads": 0, "process_notes": 0}  # cohort still running
    later = cohort.ends_on + timedelta(days=4 * 365)
    report = {line.name: line.count for line in retention_purge(today=later)}
    assert report == {"drafts": 1, "uploads": 1, "process_notes": 1}
    assert Attachment.objects.exists()  # a dry run changes nothing
    retention_purge(today=later, apply=True)
    assert not Attachment.objects.exists()
    assert Submission.objects.get(pk=world["submission"].pk).draft == ""
    session.refresh_from_db()
    assert session.process_notes == "" and session.case_summary  # notes only


def test_the_purge_command_is_a_dry_run_unless_told(world):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    assert "Dry run" in out.getvalue()


def test_a_trainer_reading_a_case_analysis_is_in_the_log_and_the_trainee_sees_it(
    client, users, world
):
    client.force_login(world["trainee"])
    client.get(reverse("grade_submission", args=[world["submission"].pk]))
    assert not ModelLogEntry.objects.filter(action="lms.read").exists()  # author, or refused
    client.force_login(users["trainer"])
    assert client.get(reverse("grade_submission", args=[world["submission"].pk])).status_code == 200
    read = ModelLogEntry.objects.get(action="lms.read")
    assert read.user == users["trainer"] and read.data["owner"] == world["trainee"].pk
    client.force_login(world["trainee"])
    html = client.get(reverse("audit_log")).content.decode()
    assert str(users["trainer"]) in html
    client.force_login(users["nobody"])
    assert str(users["trainer"]) not in client.get(reverse("audit_log")).content.decode()
    client.force_login(users["registrar"])
    html = client.get(reverse("audit_log"), {"action": "lms.read"}).content.decode()
    assert str(users["trainer"]) in html


def test_a_supervision_sessions_notes_opened_by_another_supervisor_are_logged(client, users):
    session = SessionFactory()
    session.cohort.supervisors.add(users["supervisor"])
    session.cohort.save()  # parental many-to-many relations are written on save
    client.force_login(users["supervisor"])
    assert client.get(reverse("supervision_session", args=[session.pk])).status_code == 200
    assert ModelLogEntry.objects.filter(action="lms.read", user=users["supervisor"]).exists()


def test_the_audit_log_cannot_be_edited_or_deleted(world):
    entry = ModelLogEntry.objects.first()
    entry.data = {"forged": True}
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()


def test_role_changes_are_logged(users):
    from django.contrib.auth.models import Group

    users["nobody"].groups.add(Group.objects.get(name="trainer"))
    entry = ModelLogEntry.objects.filter(
        action="lms.roles.change", object_id=str(users["nobody"].pk)
    ).get()
    assert entry.data == {"change": "add", "roles": ["trainer"]}


def test_a_graded_trainee_can_be_erased(users, world):
    # A grade points at the version it graded (PROTECT): grades must go before versions.
    from assessments.models import Grade

    submission = world["submission"]
    Grade.objects.create(
        submission=submission,
        version=submission.versions.order_by("-number").first(),
        grader=users["trainer"],
        comment="Хороший разбор",
        final=True,
    )
    person_erase(person=world["trainee"], by=users["registrar"], reason="заявление")
    assert not Grade.objects.filter(submission__enrollment__user=world["trainee"]).exists()
    assert not Submission.objects.filter(enrollment__user=world["trainee"]).exists()
