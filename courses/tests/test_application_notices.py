"""An application is confirmed to the applicant and shown to the registrars."""

import pytest
from django.core import mail

from courses.services import enrollment_apply
from courses.tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


def test_applying_is_confirmed_and_the_registrars_are_told(commit, make_user):
    registrar = make_user("registrar")
    applicant = make_user()
    cohort = CohortFactory()
    commit(enrollment_apply, cohort=cohort, user=applicant)
    assert applicant.notifications.filter(title="Ваша заявка получена").exists()
    assert any(applicant.email in m.to and "заявка получена" in m.subject for m in mail.outbox)
    assert registrar.notifications.filter(title="Новая заявка").exists()
    assert not any(registrar.email in m.to for m in mail.outbox)
