"""SQLAlchemy models, one module per part of the office's data; imports only storage.types.

Every model is importable from here (`from storage.models import Unit`), as Alembic and the
queries expect.
"""

from __future__ import annotations

from storage.models.awards import (
    AwardForm,
    AwardRecord,
    AwardTotal,
    AwardYearTotal,
    Dossier,
    DossierEvent,
    DossierFile,
    DossierNominee,
)
from storage.models.base import (
    DELIVERY_STATUSES,
    DOSSIER_STATUSES,
    LEVELS,
    NAMING,
    PLATFORMS,
    RECIPIENT_KINDS,
    ROLES,
    SUBSCRIPTION_KINDS,
    UNIT_KINDS,
    Base,
    DataVersion,
)
from storage.models.office import (
    AuditEntry,
    Chat,
    KnownUser,
    RoleGrant,
    SeedMark,
    Subscription,
    Unit,
)
from storage.models.plan import (
    ClosedYear,
    Document,
    Indicator,
    RequestUnit,
    Scorecard,
    Task,
    TaskNudge,
    TaskProgress,
    TaskProgressHistory,
    TaskUnit,
    UnitRequest,
)
from storage.models.reminders import (
    Acknowledgement,
    Commemoration,
    Delivery,
    Reminder,
)

__all__ = [
    "DELIVERY_STATUSES",
    "DOSSIER_STATUSES",
    "LEVELS",
    "NAMING",
    "PLATFORMS",
    "RECIPIENT_KINDS",
    "ROLES",
    "SUBSCRIPTION_KINDS",
    "UNIT_KINDS",
    "Acknowledgement",
    "AuditEntry",
    "AwardForm",
    "AwardRecord",
    "AwardTotal",
    "AwardYearTotal",
    "Base",
    "Chat",
    "ClosedYear",
    "Commemoration",
    "DataVersion",
    "Delivery",
    "Document",
    "Dossier",
    "DossierEvent",
    "DossierFile",
    "DossierNominee",
    "Indicator",
    "KnownUser",
    "Reminder",
    "RequestUnit",
    "RoleGrant",
    "Scorecard",
    "SeedMark",
    "Subscription",
    "Task",
    "TaskNudge",
    "TaskProgress",
    "TaskProgressHistory",
    "TaskUnit",
    "Unit",
    "UnitRequest",
]
