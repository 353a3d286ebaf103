from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


def centre_sender() -> str:
    """The centre's own name before the configured address, not the software's."""
    from lms.home.models import CentreSettings

    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    centre = CentreSettings.load()
    return formataddr((centre.short_name or centre.name or name, address))


@task()
def send_email(*, subject: str, body: str, to: list[str], html: str = "", from_email: str = ""):
    """Send one email from a worker, so a slow mail server never holds up a request."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=to, from_email=from_email or centre_sender()
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
