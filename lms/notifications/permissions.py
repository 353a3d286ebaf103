"""Messages are their recipient's alone (see lms.permissions)."""

from lms.notifications.models import Notification
from lms.permissions import IsUser, RulePolicy

notification_policy = RulePolicy(Notification, view=IsUser("user"), change=IsUser("user"))
