from supervision.models.practice import (
    EntryStatus,
    PracticeEntry,
    PracticeMediator,
    ReconciliationService,
)
from supervision.models.requirements import ProgramRequirements
from supervision.models.sessions import (
    SessionFormat,
    SessionKind,
    SessionParticipant,
    SupervisionSession,
)

__all__ = [
    "EntryStatus",
    "PracticeEntry",
    "PracticeMediator",
    "ProgramRequirements",
    "ReconciliationService",
    "SessionFormat",
    "SessionKind",
    "SessionParticipant",
    "SupervisionSession",
]
