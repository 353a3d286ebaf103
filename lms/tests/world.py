"""A small but complete world for authorization tests: two cohorts in two territories,
every role, and one real object of each kind that a URL can name.

Cohort A (program A, territory 1) belongs to trainee_a, trainer_a and supervisor_a;
cohort B (program B, territory 2) to trainee_b and trainer_b. The curator looks after
territory 1. Objects are all "A's", so B's people asking for them are the object swaps.
"""

from datetime import time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from assessments.models import Assignment, AssignmentKind, Attachment, RolePlaySession
from assessments.services import draft_save, submission_get_or_create, submission_submit
from assessments.tests.factories import AssignmentFactory
from courses.certificates.services import certificate_issue
from courses.models import CalendarToken, CertificateBatch, ClassSession
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from lms.accounts.models import ParticularsChange
from lms.accounts.tests.factories import TerritoryFactory, UserFactory
from lms.privacy.services import consent_give
from modules.models import LessonPage, LessonProgress, ModulePage
from supervision.services import session_participants_sync
from supervision.tests.factories import EntryFactory, ServiceFactory, SessionFactory

COLUMNS = (
    "anon",
    "trainee_a",
    "trainee_b",
    "trainer_a",
    "trainer_b",
    "supervisor_a",
    "curator_1",
    "registrar",
    "editor",
    "nobody",
)
ANSWER = "Конфликт двух подростков: медиатор выслушал обе стороны и помог договориться."


def _person(role=None, **kwargs):
    # A curator's or supervisor's territory is also put in their staff scope (factory).
    return UserFactory(roles=[role] if role else None, **kwargs)


def build_world() -> tuple[dict, dict]:
    t1, t2 = TerritoryFactory(), TerritoryFactory()
    people = {
        "trainee_a": _person("trainee", territory=t1),
        "trainee_b": _person("trainee", territory=t2),
        "trainer_a": _person("trainer"),
        "trainer_b": _person("trainer"),
        "supervisor_a": _person("supervisor", territory=t1),
        "curator_1": _person("curator", territory=t1),
        "registrar": _person("registrar"),
        "editor": _person("editor"),
        "nobody": _person(),
        # Not columns of the table: staff of territory 2, for the profile-editing test.
        "curator_2": _person("curator", territory=t2),
        "supervisor_2": _person("supervisor", territory=t2),
    }
    program_a = build_program(modules=1, lessons=1)
    program_b = build_program(modules=1, lessons=1)
    cohort_a = CohortFactory(
        program=program_a, trainers=[people["trainer_a"]], supervisors=[people["supervisor_a"]]
    )
    cohort_b = CohortFactory(program=program_b, trainers=[people["trainer_b"]])
    enrollment_a = EnrollmentFactory(cohort=cohort_a, user=people["trainee_a"])
    enrollment_b = EnrollmentFactory(cohort=cohort_b, user=people["trainee_b"])
    module_a = ModulePage.objects.child_of(program_a).get()
    lesson_a = LessonPage.objects.child_of(module_a).get()
    LessonProgress.objects.create(
        enrollment=enrollment_a, lesson=lesson_a, completed_at=timezone.now()
    )
    certificate = certificate_issue(
        enrollment=enrollment_a, by=people["registrar"], render_later=False
    )
    batch = CertificateBatch.objects.create(
        cohort=cohort_a, requested_by=people["registrar"], enrollment_ids=[enrollment_a.pk]
    )
    assignment = AssignmentFactory(module=module_a)
    quiz = AssignmentFactory(module=module_a, kind=AssignmentKind.QUIZ)
    roleplay_assignment = AssignmentFactory(module=module_a, kind=AssignmentKind.ROLE_PLAY)
    skills = AssignmentFactory(module=module_a, kind=AssignmentKind.SKILLS)
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment_a)
    draft_save(submission=submission, text=ANSWER, revision=0, by=people["trainee_a"])
    submission_submit(submission=submission, by=people["trainee_a"])
    attachment = Attachment.objects.create(
        submission=submission, name="анализ.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("analiz.pdf", ContentFile(b"%PDF-1.4\n"))
    roleplay = RolePlaySession.objects.create(
        assignment=roleplay_assignment, cohort=cohort_a, starts_at=timezone.now()
    )
    today = timezone.localdate()
    class_a = ClassSession.objects.create(
        cohort=cohort_a,
        date=today - timedelta(days=1),
        starts_at=time(10),
        ends_at=time(13),
        topic="Круг сообщества",
    )
    session = SessionFactory(
        cohort=cohort_a,
        facilitator=people["supervisor_a"],
        created_by=people["supervisor_a"],
    )
    session_participants_sync(session=session)
    entry = EntryFactory(author=people["trainee_a"], service=ServiceFactory(territory=t1))
    token = CalendarToken.objects.create(user=people["trainee_a"])
    consent = consent_give(user=people["trainee_a"])
    change = ParticularsChange.objects.create(user=people["trainee_a"], territory=t2)
    objects = {
        "cohort_a": cohort_a.pk,
        "cohort_b": cohort_b.pk,
        "enrollment_a": enrollment_a.pk,
        "enrollment_b": enrollment_b.pk,
        "lesson_a": lesson_a.pk,
        "lesson_a_url": lesson_a.url,
        "program_a_url": program_a.url,
        "assignment_a": assignment.pk,
        "quiz_a": quiz.pk,
        "roleplay_assignment_a": roleplay_assignment.pk,
        "skills_a": skills.pk,
        "submission_a": submission.pk,
        "attachment_a": attachment.pk,
        "roleplay_a": roleplay.pk,
        "class_a": class_a.pk,
        "certificate_a": certificate.pk,
        "code_a": certificate.code,
        "batch_a": batch.pk,
        "session_a": session.pk,
        "entry_a": entry.pk,
        "token_a": token.token,
        "consent_a": consent.pk,
        "change_a": change.pk,
        "territory_1": t1.pk,
        "user_a": people["trainee_a"].pk,
        "list_0": 0,
        "personal_data": "personal_data",
        "missing_image": "original_images/none.png",
    }
    assert Assignment.objects.count() == 4
    return people, objects
