from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from lms.roles import is_staff_member


class LanguageCookieMiddleware:
    """Russian unless the user chose another language with the switcher.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: the
    centre's working language is Russian, and English is an explicit choice.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class StaffMFAMiddleware:
    """With LMS_MFA_REQUIRED_FOR_STAFF, staff must enrol TOTP before anything else.

    Account pages (where the second factor is set up), static files, the health check
    and the language switcher stay reachable.
    """

    exempt_prefixes = ("/accounts/", "/static/", "/healthz", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LMS_MFA_REQUIRED_FOR_STAFF and self._must_enrol(request):
            messages.warning(
                request,
                _(
                    "Your role requires two-factor authentication. "
                    "Set up an authenticator app to continue."
                ),
            )
            url = reverse("mfa_activate_totp")
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        if request.path.startswith(self.exempt_prefixes):
            return False
        user = getattr(request, "user", None)
        if user is None or not is_staff_member(user):
            return False
        from allauth.mfa.adapter import get_adapter

        return not get_adapter().is_mfa_enabled(user)


class AdminCSPMiddleware:
    """Wagtail's admin needs inline scripts and styles, and frames its own previews.

    Loosens CSP and framing for admin paths only. Listed after ``CSPMiddleware`` (so CSP
    sees the changes) and before ``XFrameOptionsMiddleware`` (so it overrides DENY).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.LMS_ADMIN_CSP_PATH_PREFIXES):
            response._csp_update = {
                "script-src": ["'unsafe-inline'", "'unsafe-eval'"],
                "style-src": ["'unsafe-inline'"],
                "img-src": ["blob:"],
            }
            response._csp_replace = {"frame-ancestors": ["'self'"]}
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


class AdminAccessMiddleware:
    """A signed-in user without admin access gets a plain 403, not a loop back to sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith(settings.LMS_ADMIN_CSP_PATH_PREFIXES)
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied
        return self.get_response(request)


def client_ip(request) -> str:
    """The client's address for rate limits: behind nginx, the header it sets
    (LMS_CLIENT_IP_HEADER, e.g. X-Real-IP); otherwise the connecting address."""
    from django.conf import settings

    header = getattr(settings, "LMS_CLIENT_IP_HEADER", "")
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if value:
            return value.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a key, not a bind
