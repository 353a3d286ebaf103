from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction


class AccountAdapter(DefaultAccountAdapter):
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
