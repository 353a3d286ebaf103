from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Erase, PersonalData, declare

declare(
    PersonalData(
        "notifications.Notification",
        subject="user",
        erase=Erase.DELETE,
        why=_("Messages to the person; of no use once they are gone."),
    ),
)
