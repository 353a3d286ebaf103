"""Each certificate also as an Open Badges 3.0 credential (a W3C verifiable credential).

The credential is a VC-JWT (OB 3.0 §8.2): the JSON-LD document is the JWT payload, signed by
the centre's Ed25519 key through openbadgeslib. The issuer is `did:web:<host>`, so a verifier
finds the key at `/.well-known/did.json`; revocation and replacement set the certificate's bit
in a signed Bitstring Status List. The holder is identified by a salted hash of their email,
never by name, because some holders are minors and the badge travels to third parties; so the
credential's id and salt are a random UUID of its own, not the public check page's code (that
page shows the name).
"""

import logging
import os
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate, CertificateStatus
from courses.models.pages import FinalDocument

logger = logging.getLogger(__name__)

ALGORITHM = "EdDSA"
KEY_FRAGMENT = "key-1"
# Bits per status list: the specification's minimum (16 KiB), so a list hides which
# certificate a verifier asks about among 131,072.
LIST_SIZE = 131_072
LIST_VALIDITY = timedelta(days=1)
ACHIEVEMENT_TYPES = {
    FinalDocument.ADVANCED_TRAINING: "Certificate",
    FinalDocument.COMPLETION: "CertificateOfCompletion",
    FinalDocument.PARTICIPATION: "Achievement",
}


class BadgesUnavailable(Exception):
    """No signing key: the centre has not provisioned one (production) or it is unreadable."""


def _base() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


@lru_cache(maxsize=4)
def _load_key(path: str, generate: bool) -> bytes:
    key_path = Path(path)
    if not key_path.exists():
        if not generate:
            raise BadgesUnavailable(path)
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        key_path.parent.mkdir(parents=True, exist_ok=True)
        # Exclusive create with owner-only permissions: two first requests never write twice.
        try:
            fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return key_path.read_bytes()
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        logger.warning("Generated a new credential signing key at %s", key_path)
        return pem
    return key_path.read_bytes()


def private_key_pem() -> bytes:
    try:
        return _load_key(settings.LMS_CREDENTIAL_KEY_FILE, settings.LMS_CREDENTIAL_KEY_GENERATE)
    except OSError as error:
        raise BadgesUnavailable(str(error)) from error


def available() -> bool:
    try:
        private_key_pem()
    except BadgesUnavailable:
        return False
    return True


def public_jwk() -> dict:
    from openbadgeslib.ob3 import OB3Signer

    return OB3Signer(private_key_pem(), algorithm=ALGORITHM)._public_jwk()


def issuer_id() -> str:
    """did:web for an HTTPS site; a development server on plain HTTP gets its profile URL."""
    from openbadgeslib.ob3 import did_web_from_url

    base = _base()
    if base.startswith("https://"):
        return did_web_from_url(base)
    return base + reverse("credential_issuer")


def did_document() -> dict:
    from openbadgeslib.ob3 import build_did_document

    return build_did_document(issuer_id(), [(KEY_FRAGMENT, public_jwk())])


def issuer_profile() -> dict:
    from lms.home.models import CentreSettings

    centre = CentreSettings.load()
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": centre.name or settings.WAGTAIL_SITE_NAME,
        "url": _base() + "/",
    }


def status_list_url(number: int) -> str:
    return _base() + reverse("credential_status_list", args=[number])


def _issuer():
    from openbadgeslib.ob3 import Issuer

    profile = issuer_profile()
    return Issuer(id=profile["id"], name=profile["name"], url=profile["url"])


def credential_jwt(certificate: Certificate) -> str:
    """The signed OB 3.0 credential for one certificate (deterministic for the same data)."""
    from openbadgeslib.ob3 import (
        Achievement,
        IdentityObject,
        OB3Signer,
        OpenBadgeCredential,
        status_entry,
    )

    program_url = certificate.enrollment.cohort.program.get_url() or "/"
    if program_url.startswith("/"):
        program_url = _base() + program_url
    kind = FinalDocument(certificate.kind)
    achievement = Achievement(
        id=program_url,
        name=certificate.program_title,
        description=f"{kind.label}: {certificate.program_title}, {certificate.hours} ч",
        criteria_narrative=(
            "Освоение программы в объёме "
            f"{certificate.hours} ч: {certificate.studied_from:%d.%m.%Y}–"
            f"{certificate.studied_to:%d.%m.%Y}."
        ),
        achievement_type=ACHIEVEMENT_TYPES[kind],
    )
    issued = datetime.combine(certificate.issued_on, time(0, 0), tzinfo=UTC)
    credential = OpenBadgeCredential(
        issuer=_issuer(),
        recipient_id=None,
        achievement=achievement,
        # Not the public check page, which shows the holder's name: a random id of this
        # credential alone. Verifiers check it by signature and status list, not by its id.
        id=f"urn:uuid:{certificate.credential_uuid}",
        name=f"{kind.label} № {certificate.number}",
        issuance_date=issued,
        identifiers=[
            # The salt is published with the hash, so it must not be the verification code.
            IdentityObject.create(
                certificate.enrollment.user.email.lower(), salt=certificate.credential_uuid.hex
            )
        ],
        credential_status=[
            status_entry(
                status_list_url(certificate.pk // LIST_SIZE),
                "revocation",
                certificate.pk % LIST_SIZE,
            )
        ],
    )
    return OB3Signer(private_key_pem(), algorithm=ALGORITHM).sign(credential)


def status_list_jwt(number: int) -> str:
    """The signed revocation list covering certificates number*LIST_SIZE … +LIST_SIZE-1."""
    from openbadgeslib.ob3 import build_status_list_credential, sign_status_list_credential

    first = number * LIST_SIZE
    revoked = Certificate.objects.filter(
        pk__gte=first,
        pk__lt=first + LIST_SIZE,
        status__in=[CertificateStatus.REVOKED, CertificateStatus.REPLACED],
    ).values_list("pk", flat=True)
    now = timezone.now()
    document = build_status_list_credential(
        issuer_id(),
        status_list_url(number),
        "revocation",
        [pk - first for pk in revoked],
        size_bits=LIST_SIZE,
        issued=now,
        # Short validity: a verifier refuses a stale copy that might hide a revocation.
        valid_until=now + LIST_VALIDITY,
    )
    return sign_status_list_credential(document, private_key_pem(), ALGORITHM)
