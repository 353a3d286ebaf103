"""Progress toward a program's supervision, attendance and practice requirements."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.completion import evaluate
from courses.models import ClassAttendance, ClassSession
from courses.tests.factories import CohortFactory, EnrollmentFactory
from modules.models import ModulePage
from supervision.models import (
    EntryStatus,
    MediatorStatus,
    ProgramRequirements,
    SessionKind,
    SessionParticipant,
)
from supervision.progress import progress_for, requirements_met
from supervision.tests.factories import EntryFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _class(cohort, days_ago, module_number=None):
    module = (
        ModulePage.objects.child_of(cohort.program).get(number=module_number)
        if module_number
        else None
    )
    return ClassSession.objects.create(
        cohort=cohort,
        date=timezone.localdate() - timedelta(days=days_ago),
        starts_at=time(10),
        ends_at=time(13),
        topic="Занятие",
        module=module,
    )


@pytest.fixture
def enrollment(users):
    cohort = CohortFactory(supervisors=[users["supervisor"]])
    ProgramRequirements.objects.create(
        program=cohort.program,
        supervision_hours=3,
        hours_from_module=2,
        min_attendance_percent=75,
        min_practice_entries=2,
    )
    return EnrollmentFactory(cohort=cohort, user=users["trainee"])


def _progress(enrollment):
    return {bar.key: bar for bar in progress_for([enrollment])[enrollment.pk].bars}


def test_nothing_done_yet_says_exactly_what_is_missing(enrollment):
    met, missing = requirements_met(enrollment)
    assert not met
    # no class has been held yet, so attendance is not (yet) missing
    assert missing == [
        "ещё 3 ч супервизии или интервизии",
        "ещё 2 подтверждённые записи о практике",
    ]


def test_supervision_hours_count_only_from_module_two_and_only_when_attended(enrollment):
    cohort = enrollment.cohort
    _class(cohort, days_ago=8, module_number=2)  # module 2 began 8 days ago
    before = SessionFactory(cohort=cohort, date=timezone.localdate() - timedelta(days=9))
    after = SessionFactory(cohort=cohort, duration_minutes=120)
    seminar = SessionFactory(cohort=cohort, kind=SessionKind.SEMINAR, duration_minutes=120)
    absent = SessionFactory(cohort=cohort, duration_minutes=120)
    for session, status in (
        (before, "present"),
        (after, "late"),
        (seminar, "present"),
        (absent, "absent"),
    ):
        SessionParticipant.objects.create(session=session, user=enrollment.user, status=status)
    bar = _progress(enrollment)["supervision"]
    assert (bar.done, bar.required, bar.met) == (2.0, 3.0, False)
    assert "ещё 1 ч" in bar.missing
    assert (timezone.localdate() - timedelta(days=8)).strftime("%d.%m.%Y") in bar.note


def test_attendance_counts_classes_and_the_cohorts_seminars(enrollment):
    cohort = enrollment.cohort
    classes = [_class(cohort, days_ago=d) for d in (5, 4, 3)]
    _class(cohort, days_ago=-3)  # a future class does not count yet
    seminar = SessionFactory(cohort=cohort, kind=SessionKind.SEMINAR)
    for session, status in zip(classes, ("present", "late", "absent"), strict=True):
        ClassAttendance.objects.create(session=session, user=enrollment.user, status=status)
    SessionParticipant.objects.create(session=seminar, user=enrollment.user, status="present")
    bar = _progress(enrollment)["attendance"]
    assert (bar.done, bar.met) == (75, True)  # 3 of 4
    assert "посещено 3 из 4" in bar.note


def test_unmarked_classes_are_named_so_the_trainee_can_ask(enrollment):
    _class(enrollment.cohort, days_ago=2)
    bar = _progress(enrollment)["attendance"]
    assert bar.done == 0 and "1 занятие ещё не отмечено" in bar.note


def _during_training(**kwargs):
    today = timezone.localdate()
    return {"request_date": today - timedelta(days=9), "joint_meeting_on": today, **kwargs}


def test_only_signed_practice_entries_during_the_training_count(enrollment):
    EntryFactory(author=enrollment.user, **_during_training(status=EntryStatus.SIGNED))
    EntryFactory(author=enrollment.user, **_during_training(status=EntryStatus.SUBMITTED))
    EntryFactory(author=enrollment.user, status=EntryStatus.SIGNED)  # before the cohort began
    bar = _progress(enrollment)["practice"]
    assert (bar.done, bar.required) == (1, 2)
    assert bar.missing == "ещё 1 подтверждённая запись о практике"


def test_an_entry_counts_for_a_co_mediator_only_once_they_confirm(enrollment, make_user):
    # The review's F5: anyone named as a co-mediator was counted without agreeing.
    for status in (MediatorStatus.PENDING, MediatorStatus.DECLINED, MediatorStatus.CONFIRMED):
        EntryFactory(
            author=make_user("trainee"),
            mediators=[enrollment.user],
            mediators__status=status,
            **_during_training(status=EntryStatus.SIGNED),
        )
    assert _progress(enrollment)["practice"].done == 1


def test_when_everything_is_done_the_completion_registry_agrees(enrollment):
    cohort = enrollment.cohort
    session = SessionFactory(cohort=cohort, duration_minutes=180)
    SessionParticipant.objects.create(session=session, user=enrollment.user, status="present")
    EntryFactory.create_batch(
        2, author=enrollment.user, **_during_training(status=EntryStatus.SIGNED)
    )
    assert requirements_met(enrollment) == (True, [])
    result = next(r for r in evaluate(enrollment) if r.key == "supervision")
    assert result.met and result.detail == ""


def test_programs_without_requirements_show_no_bars(users):
    enrollment = EnrollmentFactory(cohort=CohortFactory(), user=users["trainee"])
    assert progress_for([enrollment])[enrollment.pk].bars == []
    assert requirements_met(enrollment) == (True, [])


def test_the_dashboard_shows_the_bars(client, enrollment):
    client.force_login(enrollment.user)
    html = client.get(reverse("learning_dashboard")).content.decode()
    assert 'data-testid="requirement-supervision"' in html
    assert "Осталось" in html


def test_progress_runs_a_fixed_number_of_queries_for_any_number_of_trainees(
    enrollment, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure(enrollments):
        enrollments = list(
            type(enrollment)
            .objects.filter(pk__in=[e.pk for e in enrollments])
            .select_related("cohort__program")
        )
        with CaptureQueriesContext(connection) as ctx:
            progress_for(enrollments)
        return len(ctx)

    small = measure([enrollment])
    many = [EnrollmentFactory(cohort=enrollment.cohort) for _i in range(15)]
    for e in many:
        EntryFactory(author=e.user, status=EntryStatus.SIGNED)
        _class(enrollment.cohort, days_ago=1)
    assert measure([enrollment, *many]) == small


def _ru(text: str) -> str:
    from django.utils import translation

    with translation.override("ru"):
        return translation.gettext(text)


def test_with_no_class_held_yet_attendance_is_neutral_not_a_green_hundred(client, enrollment):
    """ "0 of 0 attended" showed a full green bar at 100 %."""
    bar = _progress(enrollment)["attendance"]
    assert bar.pending and bar.percent == 0 and bar.note == ""
    assert bar.met  # nothing to miss yet: it does not hold up a certificate
    client.force_login(enrollment.user)
    html = client.get(reverse("learning_dashboard")).content.decode()
    start = html.index('data-testid="requirement-attendance"')
    block = html[start : html.index("</div>\n          </div>", start)]
    assert _ru("No classes held yet") in block
    assert "bg-success" not in block and "w-100" not in block
    assert "0 из 0" not in block


def test_practice_before_the_cohort_began_is_not_counted_and_the_bar_says_why(client, enrollment):
    start = enrollment.cohort.starts_on
    EntryFactory(
        author=enrollment.user,
        status=EntryStatus.SIGNED,
        request_date=start - timedelta(days=20),
        preliminary_meeting_on=start - timedelta(days=15),
        joint_meeting_on=start - timedelta(days=5),
    )
    bar = _progress(enrollment)["practice"]
    assert bar.done == 0
    assert start.strftime("%d.%m.%Y") in bar.note
    client.force_login(enrollment.user)
    html = client.get(reverse("learning_dashboard")).content.decode()
    assert 'data-testid="requirement-practice-note"' in html
    assert start.strftime("%d.%m.%Y") in html


def test_a_program_requested_before_the_start_but_conducted_during_training_counts(enrollment):
    start = enrollment.cohort.starts_on
    EntryFactory(
        author=enrollment.user,
        status=EntryStatus.SIGNED,
        request_date=start - timedelta(days=3),
        preliminary_meeting_on=start - timedelta(days=1),
        joint_meeting_on=start + timedelta(days=4),
    )
    bar = _progress(enrollment)["practice"]
    assert (bar.done, bar.note) == (1, "")


def test_the_entry_itself_says_it_does_not_count_for_the_training(client, enrollment, users):
    start = enrollment.cohort.starts_on
    early = EntryFactory(
        author=enrollment.user,
        status=EntryStatus.SIGNED,
        request_date=start - timedelta(days=20),
        preliminary_meeting_on=None,
        joint_meeting_on=start - timedelta(days=2),
    )
    during = EntryFactory(author=enrollment.user, **_during_training(status=EntryStatus.SIGNED))
    client.force_login(enrollment.user)
    html = client.get(reverse("practice_entry", args=[early.pk])).content.decode()
    assert 'data-testid="entry-not-counted"' in html
    assert enrollment.cohort.program.title in html and start.strftime("%d.%m.%Y") in html
    html = client.get(reverse("practice_entry", args=[during.pk])).content.decode()
    assert 'data-testid="entry-not-counted"' not in html
    # the supervisor who signs entries off sees it too, about the author
    client.force_login(users["supervisor"])
    html = client.get(reverse("practice_entry", args=[early.pk])).content.decode()
    assert 'data-testid="entry-not-counted"' in html
