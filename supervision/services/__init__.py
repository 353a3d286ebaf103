"""State changes of sessions and the practice log, each with its rule, check and audit entry."""

from supervision.services.co_mediators import co_mediator_answer, co_mediators_sync
from supervision.services.errors import PracticeError
from supervision.services.practice import (
    entry_return,
    entry_save,
    entry_sign,
    entry_submit,
)
from supervision.services.reconciliation import service_create
from supervision.services.sessions import (
    SessionError,
    cohort_sessions_join,
    cohort_sessions_leave,
    participant_add,
    participants_add,
    reflection_save,
    session_attendance_mark,
    session_join,
    session_participants_sync,
    session_save,
)

__all__ = [
    "PracticeError",
    "SessionError",
    "co_mediator_answer",
    "co_mediators_sync",
    "cohort_sessions_join",
    "cohort_sessions_leave",
    "entry_return",
    "entry_save",
    "entry_sign",
    "entry_submit",
    "participant_add",
    "participants_add",
    "reflection_save",
    "service_create",
    "session_attendance_mark",
    "session_join",
    "session_participants_sync",
    "session_save",
]
