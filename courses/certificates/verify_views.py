"""Public verification: no sign-in, one indexed lookup per check, rate-limited per address.

A document is checked by the code under its QR code (a link, GET) or by its printed number
together with the holder's last name (a form, POST: the name stays out of addresses, logs
and browser history). A failed check always says what to type instead of a bare 404.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import is_ratelimited

from courses.certificates.forms import VerifyByCodeForm, VerifyByNumberForm, number_example
from courses.certificates.verification import (
    certificate_by_code,
    certificate_by_number,
    number_parse,
)

# One budget per address for the form, the page and the JSON: separate groups (the
# decorator's default, one per view) would give whoever alternates three times as much.
VERIFY_GROUP = "certificates.verify"


def _verify_rate(group, request) -> str:
    return settings.LMS_VERIFY_RATE  # read per request, so tests and operators can change it


def _over_limit(request, *, count: bool = True) -> bool:
    return is_ratelimited(request, group=VERIFY_GROUP, key="ip", rate=_verify_rate, increment=count)


def _limited(request):
    return render(request, "courses/certificates/verify_limited.html", status=429)


def _no_match_by_number() -> str:
    # One message whether the number does not exist or the name does not match it: numbers
    # are sequential, and telling the two apart would confirm which documents exist.
    return _(
        "No document matches this number and last name. Type the number exactly as printed "
        "on the document (for example %(example)s) and the holder's last name as written "
        "on it, or check by the code printed under the QR code."
    ) % {"example": number_example()}


def _no_match_by_code() -> str:
    return _(
        "No document has this code. Type the code printed under the QR code exactly, "
        "capital and small letters as printed, or check by the document's number and the "
        "holder's last name."
    )


def _page(request, *, number_form=None, code_form=None, status=200, **context):
    response = render(
        request,
        "courses/certificates/verify_form.html",
        {
            "number_form": number_form or VerifyByNumberForm(),
            "code_form": code_form or VerifyByCodeForm(),
            **context,
        },
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _focused(form, field: str):
    """Put the cursor where the correction goes: on a phone the second form is out of sight."""
    if field in form.fields:
        form.fields[field].widget.attrs["autofocus"] = True
    return form


def _number_typed_as_code(request, typed: str, *, status: int):
    """Someone typed the printed number where the code goes: move it to the number form
    and ask for the one thing missing."""
    return _page(
        request,
        number_form=_focused(VerifyByNumberForm(initial={"number": typed.strip()}), "last_name"),
        hint=_(
            "This is the document's number. To check a document by its number, type the "
            "holder's last name as well."
        ),
        status=status,
    )


def _result(request, certificate, *, json_url=None):
    response = render(
        request,
        "courses/certificates/verify.html",
        {"certificate": certificate, "json_url": json_url},
    )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


# The check by number changes nothing and answers only the one who asks, so a forged
# cross-site request gains nothing; without the token the check also works for a visitor
# whose browser refuses cookies (a 403 "CSRF failed" would be all they ever saw).
@csrf_exempt
def verify_form(request):
    if request.method == "POST":
        return _check_by_number(request)
    typed = request.GET.get("code", "")
    if not typed.strip():
        return _limited(request) if _over_limit(request) else _page(request)
    code_form = VerifyByCodeForm({"code": typed})
    valid = code_form.is_valid()
    # A valid code only redirects to the check, which counts it: one check, one request.
    if _over_limit(request, count=not valid):
        return _limited(request)
    if valid:
        return redirect("certificate_verify", code=code_form.cleaned_data["code"])
    if number_parse(typed) is not None:
        return _number_typed_as_code(request, typed, status=200)
    return _page(request, code_form=_focused(code_form, "code"))


def _check_by_number(request):
    form = VerifyByNumberForm(request.POST)
    if _over_limit(request):
        # What was typed stays in the form for when the minute is over.
        return _page(request, number_form=form, limited=True, status=429)
    if not form.is_valid():
        return _page(request, number_form=_focused(form, next(iter(form.errors))))
    certificate = certificate_by_number(
        number=form.cleaned_data["number"], last_name=form.cleaned_data["last_name"]
    )
    if certificate is None:
        return _page(request, number_form=form, failure=_no_match_by_number())
    return _result(request, certificate)


def verify(request, code: str):
    if _over_limit(request):
        return _limited(request)
    certificate = certificate_by_code(code)
    if certificate is not None:
        return _result(
            request, certificate, json_url=reverse("certificate_verify_json", args=[code])
        )
    if number_parse(code) is not None:  # a link typed by hand with the number in it
        return _number_typed_as_code(request, code, status=404)
    return _page(
        request,
        # Shown again to be corrected; NUL and other control characters are not worth keeping.
        code_form=VerifyByCodeForm(initial={"code": "".join(filter(str.isprintable, code))[:200]}),
        failure=_no_match_by_code(),
        status=404,
    )


def verify_json(request, code: str):
    if _over_limit(request):
        return JsonResponse({"error": "rate_limited"}, status=429)
    certificate = certificate_by_code(code)
    if certificate is None:
        return JsonResponse({"error": "not_found"}, status=404)
    return JsonResponse(
        {
            "number": certificate.number,
            "kind": certificate.kind,
            "status": "valid" if certificate.valid else "revoked",
            "revoked_on": certificate.revoked_at.date().isoformat()
            if certificate.revoked_at
            else None,
            "holder": certificate.holder_name,
            "program": certificate.program_title,
            "hours": certificate.hours,
            "issued_on": certificate.issued_on.isoformat(),
        },
        json_dumps_params={"ensure_ascii": False},
    )
