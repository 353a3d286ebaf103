"""Fuzzing certificates: the registrar's issue, change and register, and the public check
(no sign-in): no 500s, nothing written on a rejected request."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from courses.models import Certificate
from lms.tests.fuzzing import (
    FUZZ,
    NASTY,
    Fuzzer,
    encodings,
    form_data,
    junk_text,
    junk_value,
    pick,
    prose,
)

pytestmark = pytest.mark.django_db


# --- certificates: the registrar


@FUZZ
@given(data=st.data())
def test_certificate_issue(users, world, data):
    ids = [str(world["waiting"].pk), str(world["applied"].pk), "0", "x", "9" * 30]
    posted = data.draw(form_data({"enrollments": st.sampled_from(ids)}))
    url = reverse("cohort_certificates_issue", args=[world["cohort"].pk])
    Fuzzer(users["registrar"], watch=[Certificate], success_redirects=False).post(url, posted)


@FUZZ
@given(
    data=form_data(
        {
            "action": pick("revoke", "reissue", "delete"),
            "reason": st.one_of(st.just("Смена фамилии."), prose),
        }
    ),
    encoding=encodings,
)
def test_certificate_change(users, world, data, encoding):
    url = reverse("certificate_change", args=[world["certificate"].pk])
    Fuzzer(users["registrar"], watch=[Certificate], success_redirects=False).post(
        url, data, content_type=encoding
    )


@FUZZ
@given(data=st.data(), xlsx=st.booleans())
def test_certificate_register(users, world, data, xlsx):
    cohort = world["cohort"]
    query = data.draw(
        form_data(
            {
                "program": st.one_of(pick("", str(cohort.program_id), "0", "-1"), junk_value),
                "cohort": st.one_of(pick("", str(cohort.pk), "0", "-1"), junk_value),
                "kind": pick("advanced_training", "certificate", ""),
                "year": pick(str(timezone.localdate().year), "1999", "2101", ""),
                "status": pick("issued", "revoked", ""),
                "page": pick("1", "2", "-1", "last", "9" * 30),
            }
        )
    )
    url = reverse("certificate_register_xlsx" if xlsx else "certificate_register")
    Fuzzer(users["registrar"]).get(url, query)


# --- the public check (no sign-in)


codes = st.one_of(
    st.sampled_from(["", "/", "///", " / ", "https://lms.example.org/verify/", "A" * 200]),
    junk_text,
)


@FUZZ
@given(code=codes, data=form_data({}))
def test_public_verification_form(world, code, data):
    response, _rejected = Fuzzer().get(reverse("certificate_verify_form"), {**data, "code": code})
    assert response.status_code in (200, 302, 400, 429)


@FUZZ
@given(
    code=st.one_of(st.sampled_from(NASTY), st.text(max_size=70), st.just("REAL")),
    json=st.booleans(),
)
def test_public_verification_by_code(world, code, json):
    code = world["certificate"].code if code == "REAL" else code
    name = "certificate_verify_json" if json else "certificate_verify"
    base = reverse(name, args=["CODE"])
    url = base.replace("CODE", quote(code.replace("/", ""), safe=""))
    response, _rejected = Fuzzer().get(url)
    assert response.status_code in (200, 301, 404, 429)


# --- what the fuzzing found: each was a 500 before the fix


def test_a_pasted_link_without_a_code_shows_the_form_again(world):
    client = Fuzzer().client()
    for code in ["/", "///", " / "]:
        assert client.get(reverse("certificate_verify_form"), {"code": code}).status_code == 200


def test_bad_ids_for_a_document_or_a_register_filter_are_refused(users, world):
    client = Fuzzer(users["registrar"]).client()
    url = reverse("cohort_certificates_issue", args=[world["cohort"].pk])
    for enrollment in ["x", "1.5", "9" * 5000]:
        assert client.get(url, {"enrollment": enrollment}).status_code == 404
        assert client.post(url, {"enrollments": enrollment}).status_code == 302
    assert Certificate.objects.count() == 1
    for program in ["-" + "9" * 30, "9" * 30]:  # beyond 64 bits
        response = client.get(reverse("certificate_register"), {"program": program})
        assert response.status_code == 400
    # and a real program is still chosen by its id
    program = world["cohort"].program_id
    response = client.get(reverse("certificate_register"), {"program": program})
    assert response.status_code == 200 and world["certificate"].number in response.content.decode()
