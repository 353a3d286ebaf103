import functools
import ipaddress
import re
from urllib.parse import urlencode

import log_request_id.middleware
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from lms.roles import is_staff_member

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def without_nul(data: QueryDict) -> QueryDict:
    """``data`` with NUL characters taken out of every key and value (the same object if none)."""
    if not any(NUL in key or any(NUL in value for value in values) for key, values in data.lists()):
        return data
    clean = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        clean.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
    clean._mutable = False
    return clean


class StripNulMiddleware:
    """Takes NUL out of every query-string and form value, once, for the whole site.

    Nobody types a NUL; it arrives from broken pastes and from scanners, and PostgreSQL
    refuses it in text and even in a lookup. Views and forms downstream never see one.
    Runs after CSRF's check, which reads the form anyway, so parsing it here costs nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.GET = without_nul(request.GET)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request.POST = without_nul(request.POST)
        return None


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


def _is_allauth_view(path: str) -> bool:
    """Sign-out, the second-factor pages and their set-up must stay reachable."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return False
    return (getattr(match.func, "__module__", "") or "").startswith("allauth.")


def session_passed_mfa(request, user) -> bool:
    """Whether this session, not merely the account, went through the second factor."""
    from allauth.account.authentication import get_authentication_records

    return any(r.get("method") == "mfa" for r in get_authentication_records(request, user))


class StaffMFAMiddleware:
    """The second factor is checked per session, whichever door the session came through.

    A person with an authenticator whose session has no second-factor record (signed in
    by some route other than allauth's login flow) is sent to prove it; with
    LMS_MFA_REQUIRED_FOR_STAFF, staff without an authenticator must enrol one first.
    allauth's own pages (sign-out, the code form, set-up), static files, the health check
    and the language switcher stay reachable.
    """

    exempt_prefixes = ("/static/", "/healthz", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or request.path.startswith(self.exempt_prefixes)
            or _is_allauth_view(request.path_info)
        ):
            return self.get_response(request)
        if session_passed_mfa(request, user):
            return self.get_response(request)
        next_query = urlencode({"next": request.get_full_path()})
        if self._has_authenticator(request, user):
            messages.warning(request, _("Confirm the sign-in with your authenticator app."))
            return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
        if settings.LMS_MFA_REQUIRED_FOR_STAFF and is_staff_member(user):
            messages.warning(
                request,
                _(
                    "Your role requires two-factor authentication. "
                    "Set up an authenticator app to continue."
                ),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?{next_query}")
        return self.get_response(request)

    no_authenticator_key = "lms_no_authenticator"

    def _has_authenticator(self, request, user) -> bool:
        # Asked once per session, not per page: a session that began without a second
        # factor stays as it began; one that enrols a factor records it (accounts.receivers).
        if request.session.get(self.no_authenticator_key) == user.pk:
            return False
        from allauth.mfa.adapter import get_adapter

        if get_adapter().is_mfa_enabled(user):
            return True
        request.session[self.no_authenticator_key] = user.pk
        return False


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
    """The client's address for rate limits (allauth's too, through its adapter).

    The header a proxy sets (LMS_CLIENT_IP_HEADER, e.g. X-Real-IP) counts only when the
    connection comes from a proxy in LMS_TRUSTED_PROXIES: reached directly, anyone could
    send any address there. Otherwise, and whenever the header is missing or not an
    address, the connecting address.
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    header = settings.LMS_CLIENT_IP_HEADER
    proxies = _trusted_networks(tuple(settings.LMS_TRUSTED_PROXIES))
    if header and _is_trusted(_address(remote), proxies):
        # Right to left: each proxy appends what it saw, so in an X-Forwarded-For style list
        # the first address not of our proxies is the last one a proxy vouches for.
        for entry in reversed(request.headers.get(header, "").split(",")):
            address = _address(entry)
            if address is None:
                break
            if not _is_trusted(address, proxies):
                return str(address)
    return remote or "0.0.0.0"  # noqa: S104 - a key, not a bind


@functools.cache
def _trusted_networks(entries: tuple[str, ...]) -> tuple:
    try:
        return tuple(ipaddress.ip_network(e.strip(), strict=False) for e in entries if e.strip())
    except ValueError as error:
        raise ImproperlyConfigured(f"LMS_TRUSTED_PROXIES: {error}") from error


def _address(value: str):
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # gunicorn bound to [::] sees IPv4 peers as ::ffff:a.b.c.d
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _is_trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


class RequestIDMiddleware(log_request_id.middleware.RequestIDMiddleware):
    """django-log-request-id, keeping a client's X-Request-ID only if it is a plain token.

    The id is echoed in the response and written into every log line of the request:
    newlines would forge log lines, markup would reach whoever reads the logs in a browser.
    Anything else is dropped, and the library generates an id as for a request without one.
    """

    valid_id = re.compile(r"[A-Za-z0-9-]{1,64}")  # nginx's $request_id and UUIDs fit

    def __call__(self, request):
        header = self.request_id_header
        if header and header in request.META and not self.valid_id.fullmatch(request.META[header]):
            del request.META[header]
        return super().__call__(request)
