"""Operations: how private files leave the server, request ids in logs, the task backends."""

import json
import logging
import re
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from assessments.models import Attachment
from assessments.tests.factories import AssignmentFactory
from assessments.tests.test_attachments import PDF, upload
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from lms.files import private_file_response
from lms.storage import _s3_storage, private_storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(users):
    from modules.models import ModulePage

    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    EnrollmentFactory(cohort=cohort, user=users["trainee"])
    return AssignmentFactory(module=ModulePage.objects.child_of(program).get())


def _attachment(client, users, assignment):
    client.force_login(users["trainee"])
    upload(client, assignment, "Анализ случая.pdf", PDF)
    return Attachment.objects.get()


def test_with_nginx_the_app_checks_permission_and_nginx_sends_the_file(
    client,
    users,
    assignment,
    settings,
):
    settings.LMS_X_ACCEL_REDIRECT_PREFIX = "/_private/"
    attachment = _attachment(client, users, assignment)
    response = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_private/" + quote(attachment.file.name)
    assert response.content == b""  # nginx streams the body from its internal location
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    # Someone else still gets nothing, not even the internal path.
    client.force_login(users["nobody"])
    refused = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_a_missing_file_is_a_404_not_an_empty_download(client, users, assignment, settings):
    settings.LMS_X_ACCEL_REDIRECT_PREFIX = "/_private/"
    attachment = _attachment(client, users, assignment)
    attachment.file.storage.delete(attachment.file.name)
    response = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert response.status_code == 404


def test_s3_storage_hands_out_a_short_signed_link_with_the_download_name(settings):
    settings.LMS_S3 = {
        "bucket_name": "lms-private",
        "endpoint_url": "https://s3.example.org",
        "region_name": "ru-1",
        "access_key": "test-access",
        "secret_key": "test-secret",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
    }
    _s3_storage.cache_clear()
    storage = private_storage()
    assert type(storage).__name__ == "S3Storage" and storage.location == "private"

    class Stored:  # a FieldFile's two attributes the response needs; no network involved
        name = "submissions/2026/11/analiz.pdf"

    Stored.storage = storage
    response = private_file_response(Stored, filename="Анализ.pdf", content_type="application/pdf")
    assert response.status_code == 302
    url = response["Location"]
    assert url.startswith("https://s3.example.org/lms-private/private/submissions/")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=60" in url
    assert "response-content-disposition=attachment" in url


def test_every_response_carries_a_request_id_and_keeps_the_proxys(client):
    assert client.get("/healthz").has_header("X-Request-ID")
    response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-abc-123")
    assert response["X-Request-ID"] == "nginx-abc-123"


def test_json_log_lines_carry_the_request_id(client, settings):
    from logging.config import dictConfig

    config = json.loads(json.dumps(settings.LOGGING))
    handler = config["handlers"]["console"]
    handler["formatter"] = "json"
    dictConfig(config)
    records = []
    formatter = logging.getLogger().handlers[0].formatter

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(formatter.format(record))

    keep = Keep()
    keep.addFilter(logging.getLogger().handlers[0].filters[0])
    logging.getLogger("django.request").addHandler(keep)
    try:
        client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-42")
    finally:
        logging.getLogger("django.request").removeHandler(keep)
        config["handlers"]["console"]["formatter"] = "plain"
        dictConfig(config)
    line = json.loads(records[-1])
    assert line["request_id"] == "req-42"
    assert line["level"] == "WARNING" and line["logger"] == "django.request"
    assert "Not Found" in line["message"]


def test_private_files_default_to_disk_outside_the_public_media_root(settings):
    storage = private_storage()
    assert str(storage.location) == str(settings.PRIVATE_MEDIA_ROOT)
    with pytest.raises(ValueError, match="no public URL"):
        storage.url("probe.txt")
    name = storage.save("probe.txt", ContentFile(b"x"))
    try:
        assert not str(storage.path(name)).startswith(str(settings.MEDIA_ROOT))
    finally:
        storage.delete(name)


def test_rate_limits_key_on_the_proxys_client_address_when_configured(rf, settings):
    from lms.middleware import client_ip

    request = rf.get("/", HTTP_X_REAL_IP="203.0.113.7", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "127.0.0.1"  # not trusted unless configured
    settings.LMS_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_ip(request) == "203.0.113.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"  # header missing


# --- client addresses (F11): a proxy's header counts only when the proxy is the one calling


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("198.51.100.20", "198.51.100.20"),  # reached directly: the header is the client's word
        ("127.0.0.1", "203.0.113.7"),  # from nginx on this machine
        ("::1", "203.0.113.7"),
        ("::ffff:127.0.0.1", "203.0.113.7"),  # gunicorn bound to [::]
    ],
)
def test_the_client_address_header_is_believed_only_from_a_trusted_proxy(
    rf, settings, remote, expected
):
    from lms.middleware import client_ip

    settings.LMS_CLIENT_IP_HEADER = "X-Real-IP"
    request = rf.get("/", HTTP_X_REAL_IP="203.0.113.7", REMOTE_ADDR=remote)
    assert client_ip(request) == expected


@pytest.mark.parametrize(
    ("remote", "expected"),
    [("198.51.100.20", "198.51.100.20"), ("127.0.0.1", "203.0.113.7")],
)
def test_allauths_rate_limits_key_on_the_same_address(rf, settings, remote, expected):
    from allauth.account.adapter import get_adapter

    settings.LMS_CLIENT_IP_HEADER = "X-Real-IP"
    request = rf.get("/", HTTP_X_REAL_IP="203.0.113.7", REMOTE_ADDR=remote)
    assert get_adapter(request).get_client_ip(request) == expected


def test_trusted_proxies_are_networks_and_a_forwarded_chain_is_read_from_the_right(rf, settings):
    from lms.middleware import client_ip

    settings.LMS_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.LMS_TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client wrote the first entry itself; the last two were appended by our proxies.
    chain = "192.0.2.66, 203.0.113.7, 10.0.0.2"
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR=chain, REMOTE_ADDR="10.0.0.1")) == (
        "203.0.113.7"
    )
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR=chain, REMOTE_ADDR="127.0.0.1")) == (
        "127.0.0.1"  # not in the list any more
    )
    garbage = rf.get("/", HTTP_X_FORWARDED_FOR="<script>", REMOTE_ADDR="10.0.0.1")
    assert client_ip(garbage) == "10.0.0.1"


def test_a_malformed_trusted_proxy_setting_is_a_configuration_error(rf, settings):
    from django.core.exceptions import ImproperlyConfigured

    from lms.middleware import client_ip

    settings.LMS_CLIENT_IP_HEADER = "X-Real-IP"
    settings.LMS_TRUSTED_PROXIES = ["nginx.local"]
    with pytest.raises(ImproperlyConfigured, match="LMS_TRUSTED_PROXIES"):
        client_ip(rf.get("/", HTTP_X_REAL_IP="203.0.113.7"))


def test_a_spoofed_address_does_not_escape_the_verification_limit(client, settings):
    settings.LMS_CLIENT_IP_HEADER = "X-Real-IP"
    settings.LMS_VERIFY_RATE = "2/m"
    url = reverse("certificate_verify_form")
    direct = [
        client.get(url, REMOTE_ADDR="198.51.100.20", HTTP_X_REAL_IP=f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    assert direct == [200, 200, 429]
    # Through nginx each client has its own allowance.
    proxied = [
        client.get(url, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    assert proxied == [200, 200, 200]


# --- request ids (F12): a client's X-Request-ID reaches logs and headers only if plain


@pytest.mark.parametrize(
    "sent",
    [
        "abc\nINFO forged log line",
        "x" * 500,
        "<script>alert(1)</script>",
        "",
        "a b",
        "abc\n",  # "$" in a regex would let the trailing newline through
    ],
)
def test_an_unsafe_request_id_is_replaced_by_a_generated_one(client, sent):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=sent)
    assert response["X-Request-ID"] != sent
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.parametrize(
    "sent", ["0f8e2a6c-3b1d-4e5f-9a7b-6c5d4e3f2a1b", "8d3c7c0a1f6b4e2d9c8b7a6f5e4d3c2b", "a" * 64]
)
def test_a_plain_request_id_passes_through(client, sent):
    assert client.get("/healthz", HTTP_X_REQUEST_ID=sent)["X-Request-ID"] == sent
