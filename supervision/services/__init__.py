"""State changes of sessions and the practice log, each with its rule, check and audit entry."""

from supervision.services.practice import (
    PracticeError,
    entry_return,
    entry_save,
    entry_sign,
    entry_submit,
)
from supervision.services.sessions import (
    SessionError,
    participant_add,
    reflection_save,
    session_attendance_mark,
    session_join,
    session_participants_sync,
    session_save,
)

__all__ = [
    "PracticeError",
    "SessionError",
    "entry_return",
    "entry_save",
    "entry_sign",
    "entry_submit",
    "participant_add",
    "reflection_save",
    "session_attendance_mark",
    "session_join",
    "session_participants_sync",
    "session_save",
]
