from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str], html: str = "", from_email: str = ""):
    """Send one email from a worker, so a slow mail server never holds up a request."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=to, from_email=from_email or None
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
