"""Each main page has a recorded budget of SQL queries (query_budgets.py).

Every page's world is built at size N, measured, grown to 3N and measured again, each time
by the role that uses the page. The test fails when a page runs more queries at 3N than at
N (something is fetched per row) or more than its budget; the message shows the extra SQL.
"""

import re
from collections import Counter
from datetime import time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import Rubric
from assessments.scoring import criteria
from assessments.services import grade_save, submission_get_or_create, submission_return
from assessments.tests.factories import AssignmentFactory
from assessments.tests.test_grading_views import hand_in
from courses.certificates.services import certificate_issue, certificate_revoke
from courses.models import ClassSession, EnrollmentStatus, ProgramIndexPage
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tests.test_certificates import _finish
from lms.accounts.tests.factories import TerritoryFactory
from lms.tests.query_budgets import QUERY_BUDGETS
from modules.models import LessonPage, ModulePage
from modules.tests.test_query_counts import complete_some
from supervision.models import EntryStatus, SessionParticipant
from supervision.tests.factories import EntryFactory, ServiceFactory, SessionFactory
from supervision.vocab import Outcome, ProgramType, ServiceKind

pytestmark = pytest.mark.django_db

N = 2  # the small world; the large one is 3N


# --- worlds: build(world, k) adds k units of data to ``world`` (a dict kept between calls)
# and returns (who signs in or None, url).


def _add_module(program, lessons: int) -> ModulePage:
    number = ModulePage.objects.child_of(program).count() + 1
    module = program.add_child(
        instance=ModulePage(
            title=f"Модуль {number}", slug=f"module-{number}", number=number, contact_hours=10
        )
    )
    module.save_revision().publish()
    for n in range(1, lessons + 1):
        lesson = module.add_child(
            instance=LessonPage(
                title=f"Занятие {number}.{n}",
                slug=f"lesson-{n}",
                body=[("rich_text", f"<p>Текст занятия {number}.{n}</p>")],
            )
        )
        lesson.save_revision().publish()
    return module


def catalogue_world(world, k, make_user):
    for _ in range(k):  # a program with an open and a finished cohort
        program = build_program(modules=0, lessons=0)
        EnrollmentFactory.create_batch(2, cohort=CohortFactory(program=program))
        CohortFactory(program=program, accepts_applications=False)
    return None, ProgramIndexPage.objects.get().url


def lesson_world(world, k, make_user):
    if not world:
        program = build_program(modules=1, lessons=3)
        cohort = CohortFactory(program=program, trainers=[make_user("trainer")])
        world["trainee"] = make_user("trainee")
        world["mine"] = EnrollmentFactory(cohort=cohort, user=world["trainee"])
        world["lesson"] = LessonPage.objects.descendant_of(program).order_by("path").last()
        world["other"] = build_program(modules=1, lessons=1)
    cohort = world["mine"].cohort
    for _ in range(k):
        module = _add_module(cohort.program, lessons=2)  # more of the program
        AssignmentFactory(module=module)
        lessons = list(LessonPage.objects.descendant_of(cohort.program).order_by("path"))
        complete_some(EnrollmentFactory(cohort=cohort), lessons)  # classmates
        other = CohortFactory(program=world["other"])  # the trainee's other cohorts
        EnrollmentFactory(cohort=other, user=world["trainee"])
    return world["trainee"], world["lesson"].url


def dashboard_world(world, k, make_user):
    if not world:
        world["trainee"] = make_user("trainee")
        world["supervisor"] = make_user("supervisor")
        world["registrar"] = make_user("registrar")
        world["done"] = build_program(modules=1, lessons=1)
    trainee = world["trainee"]
    for _ in range(k):
        program = build_program(modules=1, lessons=2)  # half done
        cohort = CohortFactory(program=program, supervisors=[world["supervisor"]])
        enrollment = EnrollmentFactory(cohort=cohort, user=trainee)
        module = ModulePage.objects.child_of(program).get()
        hand_in(AssignmentFactory(module=module), enrollment)  # one handed in, one started
        submission_get_or_create(assignment=AssignmentFactory(module=module), enrollment=enrollment)
        complete_some(enrollment, list(LessonPage.objects.descendant_of(program)))
        ClassSession.objects.create(
            cohort=cohort,
            date=timezone.localdate() + timedelta(days=7),
            starts_at=time(10),
            ends_at=time(13),
            topic="Этапы медиации",
        )
        session = SessionFactory(cohort=cohort, facilitator=world["supervisor"])
        SessionParticipant.objects.create(session=session, user=trainee, status="present")
        EnrollmentFactory(
            cohort=CohortFactory(program=program), user=trainee, status=EnrollmentStatus.APPLIED
        )
        # a finished cohort and its document
        finished = EnrollmentFactory(cohort=CohortFactory(program=world["done"]), user=trainee)
        _finish(finished)
        certificate_issue(enrollment=finished, by=world["registrar"])
    return trainee, reverse("learning_dashboard")


def grading_queue_world(world, k, make_user):
    if not world:
        world["trainer"] = make_user("trainer")
        world["program"] = build_program(modules=1, lessons=1)
        world["assignment"] = AssignmentFactory(
            module=ModulePage.objects.child_of(world["program"]).get(),
            max_score=18,
            passing_score=9,
        )
    trainer = world["trainer"]
    levels = {cid: 2 for cid, _v in criteria(Rubric.objects.get())}
    for _ in range(k):  # one more cohort and task: a graded, a returned and a waiting submission
        cohort = CohortFactory(program=world["program"], trainers=[trainer])
        task = AssignmentFactory(module=world["assignment"].module)
        graded = hand_in(world["assignment"], EnrollmentFactory(cohort=cohort))
        grade_save(submission=graded, by=trainer, choices=levels, final=True)
        returned = hand_in(task, EnrollmentFactory(cohort=cohort))
        submission_return(submission=returned, by=trainer, comment="Опишите этапы.")
        hand_in(task, EnrollmentFactory(cohort=cohort))
    return trainer, reverse("grading_queue")


def gradebook_world(world, k, make_user):
    if not world:
        world["trainer"] = make_user("trainer")
        program = build_program(modules=2, lessons=1)
        world["cohort"] = CohortFactory(program=program, trainers=[world["trainer"]])
        modules = list(ModulePage.objects.child_of(program).order_by("path"))
        world["case"] = AssignmentFactory(module=modules[0], max_score=18, passing_score=9)
        world["reflection"] = AssignmentFactory(
            module=modules[1], kind="reflection", max_score=18, passing_score=9
        )
    levels = {cid: 2 for cid, _v in criteria(Rubric.objects.get())}
    for _ in range(k):  # a module with a task; two trainees: one graded, one reflecting
        task = AssignmentFactory(module=_add_module(world["cohort"].program, lessons=0))
        graded = hand_in(world["case"], EnrollmentFactory(cohort=world["cohort"]))
        grade_save(submission=graded, by=world["trainer"], choices=levels, final=True)
        hand_in(task, graded.enrollment)
        hand_in(world["reflection"], EnrollmentFactory(cohort=world["cohort"]))
    return world["trainer"], reverse("gradebook", args=[world["cohort"].pk])


def supervision_log_world(world, k, make_user):
    if not world:
        world["territory"] = TerritoryFactory()
        world["supervisor"] = make_user("supervisor", territory=world["territory"])
        world["colleague"] = make_user("supervisor", territory=world["territory"])
        world["program"] = build_program(modules=1, lessons=1)
    supervisor, colleague = world["supervisor"], world["colleague"]
    for _ in range(k):  # one more supervised cohort with two sessions, one open session
        cohort = CohortFactory(program=world["program"], supervisors=[supervisor])
        trainees = [EnrollmentFactory(cohort=cohort).user for _i in range(3)]
        for facilitator in (supervisor, colleague):
            session = SessionFactory(cohort=cohort, facilitator=facilitator)
            for user in trainees:
                SessionParticipant.objects.create(session=session, user=user, status="present")
        SessionFactory(
            cohort=None,
            territory=world["territory"],
            facilitator=colleague,
            date=timezone.localdate() + timedelta(days=5),
        )
    return supervisor, reverse("supervision_sessions")


def practice_log_world(world, k, make_user):
    if not world:
        world["trainee"] = make_user("trainee")
    trainee = world["trainee"]
    for _ in range(k):  # two entries of their own, one as a co-mediator
        EntryFactory.create_batch(2, author=trainee)
        EntryFactory(mediators=[trainee])
    return trainee, reverse("practice_log")


def report_world(world, k, make_user):
    if not world:
        world["registrar"] = make_user("registrar")
    signed = EntryStatus.SIGNED  # only signed-off entries count; handed-in ones are announced
    for _ in range(k):  # a territory with a school and a territorial service
        territory = TerritoryFactory()
        school = ServiceFactory(territory=territory)
        EntryFactory.create_batch(2, service=school, status=signed)
        EntryFactory(service=school, outcome=Outcome.NOT_COMPLETED, status=signed)
        EntryFactory(service=school)  # awaiting sign-off
        service = ServiceFactory(territory=territory, kind=ServiceKind.TERRITORIAL)
        EntryFactory(service=service, program_type=ProgramType.SHUTTLE, status=signed)
    year = EntryFactory._meta.model.objects.order_by("pk").first().joint_meeting_on.year
    return world["registrar"], f"{reverse('monitoring_report')}?year={year}"


def _issue(world, k, make_user):
    if not world:
        world["registrar"] = make_user("registrar")
        world["program"] = build_program(modules=1, lessons=1)
    registrar = world["registrar"]
    for _ in range(k):  # one more cohort: two documents, one of them revoked
        cohort = CohortFactory(program=world["program"])
        issued = []
        for _i in range(2):
            enrollment = EnrollmentFactory(cohort=cohort)
            _finish(enrollment)
            issued.append(certificate_issue(enrollment=enrollment, by=registrar))
        certificate_revoke(certificate=issued[0], by=registrar, reason="Ошибка в фамилии")
        world.setdefault("first", issued[1])


def register_world(world, k, make_user):
    _issue(world, k, make_user)
    return world["registrar"], reverse("certificate_register")


def verification_world(world, k, make_user):
    _issue(world, k, make_user)
    return None, reverse("certificate_verify", args=[world["first"].code])


PAGES = {
    "catalogue": catalogue_world,
    "lesson": lesson_world,
    "dashboard": dashboard_world,
    "grading queue": grading_queue_world,
    "gradebook": gradebook_world,
    "supervision log": supervision_log_world,
    "practice log": practice_log_world,
    "monitoring report": report_world,
    "certificate register": register_world,
    "verification": verification_world,
}
# Pages whose HTML stays the same as their data grows (the rest must show more at 3N, which
# proves the larger world is one the page actually reads).
SAME_HTML = {"lesson", "verification"}
GROWS_WITH_DATA: dict[str, str] = {}  # page -> why its test is expected to fail (an N+1)


# --- measuring


def _measure(user, url) -> tuple[list[str], str]:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    location = response.get("Location", "")
    assert response.status_code == 200, f"{url}: {response.status_code} {location}"
    return [query["sql"] for query in captured.captured_queries], response.content.decode()


_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")
_LISTS = re.compile(r"\((?:\?|%s|\s|,)+\)")


def _shape(sql: str) -> str:
    """The query without its values, so the same query for another row compares equal."""
    return _LISTS.sub("(…)", _LITERALS.sub("?", sql))


def _extra(small: list[str], large: list[str]) -> list[str]:
    """The queries the larger world ran beyond what the smaller one did."""
    left = Counter(_shape(sql) for sql in small)
    extra = []
    for sql in large:
        if left[_shape(sql)] > 0:
            left[_shape(sql)] -= 1
        else:
            extra.append(sql)
    return extra


def _budget(page: str) -> int:
    budget = QUERY_BUDGETS[page]
    return budget[connection.vendor] if isinstance(budget, dict) else budget


def _listing(queries: list[str], limit: int = 40) -> str:
    repeated = Counter(_shape(sql) for sql in queries)
    lines = [f"  {count}x {shape}" for shape, count in repeated.most_common() if count > 1]
    if lines:
        lines.insert(0, "Repeated (values replaced by ?):")
        lines.append("All of them:")
    lines += [f"  {i}. {sql}" for i, sql in enumerate(queries[:limit], 1)]
    if len(queries) > limit:
        lines.append(f"  ... and {len(queries) - limit} more")
    return "\n".join(lines)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            page,
            id=page.replace(" ", "-"),
            marks=[pytest.mark.xfail(strict=True, reason=GROWS_WITH_DATA[page])]
            if page in GROWS_WITH_DATA
            else [],
        )
        for page in PAGES
    ],
)
def test_the_page_keeps_to_its_query_budget(name, make_user):
    build, world = PAGES[name], {}
    small, small_html = _measure(*build(world, N, make_user))
    large, large_html = _measure(*build(world, 2 * N, make_user))  # now 3N
    budget = _budget(name)
    counts = (
        f"{name}: {len(small)} queries at N={N}, {len(large)} at 3N={3 * N}; "
        f"budget {budget} ({connection.vendor})"
    )
    if len(large) > len(small):
        pytest.fail(
            f"{counts}: grows with data. Extra queries at 3N:\n{_listing(_extra(small, large))}",
            pytrace=False,
        )
    if len(large) < len(small):
        pytest.fail(
            f"{counts}: depends on data. Queries at N missing at 3N:\n"
            f"{_listing(_extra(large, small))}",
            pytrace=False,
        )
    if len(large) > budget:
        pytest.fail(
            f"{counts}: over budget. Queries at 3N:\n{_listing(large, limit=200)}", pytrace=False
        )
    if name not in SAME_HTML:
        assert len(large_html) > len(small_html), f"{name}: the page shows no more at 3N"
