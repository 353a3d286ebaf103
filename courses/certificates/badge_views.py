"""Open Badges 3.0 downloads and the public documents a verifier fetches (DID, status lists)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.cache import cache_control

from courses.certificates import badges
from courses.certificates.views import readable_certificates
from courses.models import Certificate, CertificateStatus

JWT_TYPE = "application/vc+jwt"


def _require_badges() -> None:
    if not badges.available():
        raise Http404


@login_required
def credential_download(request, certificate_id: int):
    _require_badges()
    certificate = get_object_or_404(
        readable_certificates(
            request.user, Certificate.objects.filter(status=CertificateStatus.ISSUED)
        ).select_related("enrollment__user", "enrollment__cohort__program"),
        pk=certificate_id,
    )
    response = HttpResponse(badges.credential_jwt(certificate), content_type=JWT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{certificate.number}.jwt"
    )
    return response


@cache_control(public=True, max_age=300)
def did_document(request):
    _require_badges()
    if not badges.issuer_id().startswith("did:web:"):
        raise Http404
    return JsonResponse(badges.did_document(), content_type="application/did+json")


@cache_control(public=True, max_age=300)
def issuer_profile(request):
    _require_badges()
    return JsonResponse(
        badges.issuer_profile(),
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False},
    )


@cache_control(public=True, max_age=300)
def status_list(request, number: int):
    _require_badges()
    last = Certificate.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    if number > last // badges.LIST_SIZE:
        raise Http404
    return HttpResponse(badges.status_list_jwt(number), content_type=JWT_TYPE)
