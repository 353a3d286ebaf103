"""A supervisor's practice entries to sign off; a mediator's co-mediation answers."""

from django.utils.translation import gettext_lazy as _

from lms.queues import Queue, register
from lms.roles import Role
from supervision.selectors import entries_awaiting_answer, review_queue

register(
    Queue(
        key="practice_review",
        label=_("Practice entries awaiting sign-off"),
        url_name="practice_review_queue",
        count=lambda user: review_queue(user).count(),
        roles=frozenset({Role.SUPERVISOR}),
        order=50,
    )
)
register(
    Queue(
        key="co_mediation",
        label=_("Named as a co-mediator: did you take part?"),
        url_name="practice_log",
        count=lambda user: entries_awaiting_answer(user).count(),
        roles=frozenset({Role.TRAINEE, Role.SUPERVISOR}),
        order=60,
    )
)
