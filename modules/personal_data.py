from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Erase, PersonalData, declare

declare(
    PersonalData(
        "modules.LessonProgress",
        subject="enrollment__user",
        erase=Erase.DELETE,
        why=_("Which lessons the person completed and when."),
    ),
)
