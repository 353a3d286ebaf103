"""A real redis-server of our own stopped, restarted empty, and hung (SIGSTOP) under signed-in
browsers: nobody is signed out, a draft posted meanwhile is kept, public pages answer, and
no request waits for the hung server longer than its socket timeout."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Submission
from lms.tests.faults.helpers import FAULTS

pytestmark = FAULTS
BROWSERS = 4


@pytest.fixture
def redis_cache(settings, redis):
    settings.CACHES = {
        "default": {
            "BACKEND": "lms.cache.FailsafeRedisCache",
            "LOCATION": redis.url,
            "KEY_PREFIX": "lms-faults",
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
            "RETRY_AFTER": 1,
        }
    }
    settings.SESSION_ENGINE = "lms.sessions"
    return redis


def _draft_page(user):
    from assessments.services import submission_get_or_create
    from assessments.tests.factories import AssignmentFactory
    from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
    from modules.models import ModulePage

    program = build_program(modules=1, lessons=1)
    enrollment = EnrollmentFactory(cohort=CohortFactory(program=program), user=user)
    assignment = AssignmentFactory(module=ModulePage.objects.child_of(program).get())
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
    return reverse("assignment", args=[assignment.pk]), submission


def _signed_in(browser) -> bool:
    response = browser.get(reverse("account_email"))
    return response.status_code == 200


def test_a_redis_outage_signs_nobody_out_and_loses_no_draft(redis_cache, make_user):
    redis = redis_cache
    people = [make_user("trainee") for _ in range(BROWSERS)]
    browsers = [Client() for _ in people]
    for browser, person in zip(browsers, people, strict=True):
        browser.force_login(person)
        assert _signed_in(browser)
    url, submission = _draft_page(people[0])

    redis.stop()  # down, and every key with it
    assert all(_signed_in(b) for b in browsers), "signed out while Redis was down"
    anonymous = Client()
    for page in ("/", reverse("certificate_verify_form"), reverse("account_login")):
        assert anonymous.get(page).status_code == 200, page
    response = browsers[0].post(
        url, {"text": "Написано, пока Redis лежал.", "revision": 0, "save": "1"}
    )
    assert response.status_code == 302 and "/accounts/login/" not in response["Location"]
    assert Submission.objects.get(pk=submission.pk).draft == "Написано, пока Redis лежал."

    redis.start()  # back, empty
    time.sleep(1.1)  # the cache tries Redis again after RETRY_AFTER
    assert all(_signed_in(b) for b in browsers), "signed out once Redis came back"

    redis.hang()  # accepts connections, never answers
    try:
        waits = []
        for browser in browsers * 3:
            started = time.monotonic()
            assert _signed_in(browser)
            waits.append(time.monotonic() - started)
        # One socket timeout (0.5 s) per RETRY_AFTER, not one per call: never 20 s.
        assert max(waits) < 3 and sum(waits) < 6, waits
    finally:
        redis.resume()
