from supervision.models.practice import (
    CoMediatorInvitation,
    EntryStatus,
    MediatorStatus,
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
    "CoMediatorInvitation",
    "EntryStatus",
    "MediatorStatus",
    "PracticeEntry",
    "PracticeMediator",
    "ProgramRequirements",
    "ReconciliationService",
    "SessionFormat",
    "SessionKind",
    "SessionParticipant",
    "SupervisionSession",
]
