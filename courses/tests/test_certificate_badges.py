"""Open Badges 3.0: the holder's signed credential verifies, and revocation reaches verifiers."""

import hashlib
import json
import os
import stat
from urllib.parse import urlsplit

import jwt
import pytest
from django.test import Client
from django.urls import reverse
from openbadgeslib.ob3 import OB3VerificationError, OB3Verifier

from courses.certificates import badges
from courses.certificates.services import certificate_issue, certificate_reissue, certificate_revoke
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tests.test_certificates import _finish

pytestmark = pytest.mark.django_db
SITE = "https://lms.example.org"


@pytest.fixture
def site(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE
    return SITE


@pytest.fixture
def certificate(users):
    cohort = CohortFactory(program=build_program(modules=1, lessons=1))
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    _finish(enrollment)
    return certificate_issue(enrollment=enrollment, by=users["registrar"], render_later=False)


def fetch(url: str) -> bytes:
    """What a verifier on the internet would download, answered by this site."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == SITE, url
    response = Client().get(parts.path, secure=True, HTTP_HOST=parts.netloc)
    assert response.status_code == 200, (url, response.status_code)
    return response.content


def download(client, user, certificate):
    client.force_login(user)
    return client.get(reverse("certificate_credential", args=[certificate.pk]))


def test_the_holder_downloads_a_credential_any_verifier_accepts(client, users, site, certificate):
    response = download(client, users["trainee"], certificate)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert "filename*=utf-8''%D0%9F%D0%9A-" in response["Content-Disposition"]
    token = response.content.decode()

    verifier = OB3Verifier.for_issuer_did("did:web:lms.example.org", download=fetch)
    credential = verifier.verify(token, check_status=True, download=fetch)
    assert credential.issuer.id == "did:web:lms.example.org"
    assert credential.achievement.name == certificate.program_title
    assert credential.id == f"urn:uuid:{certificate.credential_uuid}"
    # The holder is a salted hash of their email, never a name (some holders are minors),
    # and nothing in it leads to the public check, which shows the name.
    document = credential.raw
    text = json.dumps(document, ensure_ascii=False)
    assert users["trainee"].last_name not in text
    assert certificate.code not in text and "/verify/" not in text
    identifier = document["credentialSubject"]["identifier"][0]
    salted = (users["trainee"].email.lower() + certificate.credential_uuid.hex).encode()
    assert identifier["identityHash"] == "sha256$" + hashlib.sha256(salted).hexdigest()


def test_the_signature_checks_out_with_a_plain_jwt_library_too(client, users, site, certificate):
    token = download(client, users["trainee"], certificate).content.decode()
    did = json.loads(fetch(f"{SITE}/.well-known/did.json"))
    key = jwt.PyJWK(did["verificationMethod"][0]["publicKeyJwk"]).key
    payload = jwt.decode(token, key, algorithms=["EdDSA"])
    assert "OpenBadgeCredential" in payload["type"]
    assert "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" in payload["@context"]
    assert payload["credentialSubject"]["achievement"]["achievementType"] == "Certificate"
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(tampered, key, algorithms=["EdDSA"])


def test_a_revoked_certificate_fails_verification_through_the_status_list(
    client, users, site, certificate
):
    token = download(client, users["trainee"], certificate).content.decode()
    verifier = OB3Verifier.for_issuer_did("did:web:lms.example.org", download=fetch)
    verifier.verify(token, check_status=True, download=fetch)

    certificate_revoke(certificate=certificate, by=users["registrar"], reason="ошибка в данных")
    with pytest.raises(OB3VerificationError, match=r"revocation. is set at index"):
        verifier.verify(token, check_status=True, download=fetch)
    # Nor is a revoked document offered for download any more.
    assert download(client, users["trainee"], certificate).status_code == 404


def test_a_replaced_certificate_is_revoked_and_its_successor_is_valid(
    client, users, site, certificate
):
    old_token = download(client, users["trainee"], certificate).content.decode()
    new = certificate_reissue(
        certificate=certificate, by=users["registrar"], reason="смена фамилии"
    )
    new_token = download(client, users["trainee"], new).content.decode()
    verifier = OB3Verifier.for_issuer_did("did:web:lms.example.org", download=fetch)
    verifier.verify(new_token, check_status=True, download=fetch)
    with pytest.raises(OB3VerificationError):
        verifier.verify(old_token, check_status=True, download=fetch)


@pytest.mark.parametrize("role", ["trainer", "supervisor", "curator", "nobody"])
def test_nobody_else_downloads_the_holders_credential(client, users, site, certificate, role):
    assert download(client, users[role], certificate).status_code == 404


def test_the_registrar_may_download_it_and_anonymous_visitors_sign_in_first(
    client, users, site, certificate
):
    assert download(client, users["registrar"], certificate).status_code == 200
    client.logout()
    response = client.get(reverse("certificate_credential", args=[certificate.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_dashboard_offers_the_credential_next_to_the_pdf(client, users, certificate):
    client.force_login(users["trainee"])
    html = client.get(reverse("learning_dashboard")).content.decode()
    assert reverse("certificate_credential", args=[certificate.pk]) in html
    assert "Open Badges 3.0" in html


def test_without_a_provisioned_key_production_offers_no_credentials(
    client, users, settings, tmp_path, certificate
):
    settings.LMS_CREDENTIAL_KEY_FILE = str(tmp_path / "absent.pem")
    settings.LMS_CREDENTIAL_KEY_GENERATE = False
    assert not (tmp_path / "absent.pem").exists()
    assert download(client, users["trainee"], certificate).status_code == 404
    assert client.get("/.well-known/did.json").status_code == 404
    html = client.get(reverse("learning_dashboard")).content.decode()
    assert reverse("certificate_credential", args=[certificate.pk]) not in html


def test_development_generates_a_key_readable_only_by_its_owner(settings, tmp_path):
    settings.LMS_CREDENTIAL_KEY_FILE = str(tmp_path / "key.pem")
    pem = badges.private_key_pem()
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert stat.S_IMODE(os.stat(tmp_path / "key.pem").st_mode) == 0o600
    assert badges.private_key_pem() == pem


def test_status_lists_past_the_last_certificate_do_not_exist(client, site, certificate):
    assert client.get(reverse("credential_status_list", args=[0])).status_code == 200
    assert client.get(reverse("credential_status_list", args=[1])).status_code == 404


def test_a_plain_http_development_site_names_its_issuer_by_profile_url(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert badges.issuer_id() == "http://127.0.0.1:8000/credentials/issuer.json"
    assert client.get("/.well-known/did.json").status_code == 404
    profile = client.get(reverse("credential_issuer")).json()
    assert profile["type"] == ["Profile"] and profile["id"] == badges.issuer_id()
