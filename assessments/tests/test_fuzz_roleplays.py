"""Fuzzing the role-play forms: planning, casting, observing, holding (see test_fuzz_forms.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from assessments.models import (
    RolePlayParticipant,
    RolePlaySession,
)
from assessments.selectors import cast_of, participant_view
from assessments.tests.fuzz_world import future
from assessments.tests.fuzz_world import session as session  # the fixtures
from assessments.tests.fuzz_world import world as world
from lms.tests.fuzzing import (
    FEW,
    FUZZ,
    Fuzzer,
    form_data,
    pick,
    prose,
)

pytestmark = pytest.mark.django_db


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
