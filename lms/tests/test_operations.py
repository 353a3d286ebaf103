"""Operations: how private files leave the server, request ids in logs, the task backends."""

import json
import logging
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
