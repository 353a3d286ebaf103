from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lms.accounts.tasks import send_email
from lms.notifications.models import Notification


def notify(*, user, title: str, body: str = "", url: str = "", email: bool = True) -> Notification:
    """Show a notification on the site and, after commit, email it through the task queue."""
    notification = Notification.objects.create(user=user, title=title, body=body, url=url)
    if email and user.email:
        link = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{url}" if url.startswith("/") else url
        text = "\n\n".join(part for part in (body, link) if part)
        transaction.on_commit(lambda: send_email.enqueue(subject=title, body=text, to=[user.email]))
    return notification


def notifications_mark_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
