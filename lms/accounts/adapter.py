from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

# Where a person was going when they signed up (e.g. a cohort's application form): email
# confirmation and sign-in come in between, and would otherwise land them on the home page.
AFTER_SIGNUP_NEXT = "lms_next_after_signup"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        from allauth.account.utils import get_next_redirect_url

        user = super().save_user(request, user, form, commit=commit)
        next_url = get_next_redirect_url(request)
        if next_url:
            request.session[AFTER_SIGNUP_NEXT] = next_url
        return user

    def get_login_redirect_url(self, request):
        next_url = request.session.pop(AFTER_SIGNUP_NEXT, None)
        if next_url and self.is_safe_url(next_url):
            return next_url
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """Render in the request (language, links) and hand the sending to the task worker."""
        from lms.accounts.tasks import send_email
        from lms.home.models import CentreSettings

        # Without django.contrib.sites allauth would greet from a nameless site.
        request = getattr(self, "request", None)
        context["current_site"] = SimpleNamespace(
            name=CentreSettings.load().display_name, domain=request.get_host() if request else ""
        )
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), ""
        )
        payload = {
            "subject": str(message.subject),
            "body": message.body,
            "to": list(message.to),
            "html": html,
            "from_email": message.from_email or "",
        }
        transaction.on_commit(lambda: send_email.enqueue(**payload))

    def get_client_ip(self, request) -> str:
        # One answer for every rate limit: the proxy's header only from trusted proxies.
        from lms.middleware import client_ip

        return client_ip(request)
