"""SQLAlchemy 2 typed models, one module per area; import them from here.

May import: SQLAlchemy, app.extensions, app.crypto. Never a blueprint or a service.
"""

from app.models.audit import AuditEvent
from app.models.core import (
    ROLE_COORDINATOR,
    ROLE_MENTOR,
    ROLES,
    STATUS_ACTIVE,
    STATUS_PAUSED,
    STATUS_STOPPED,
    STATUSES,
    Business,
    FamilyLink,
    Product,
    Program,
    Team,
    User,
    team_members,
    utcnow,
)
from app.models.idempotency import IdempotencyKey
from app.models.program import (
    ASPECTS,
    VIEW_SOURCES,
    FollowUp,
    PageViewDaily,
    StatusChange,
    Visit,
    visit_mentors,
)
from app.models.toolkits import StepProgress

__all__ = [
    "AuditEvent",
    "IdempotencyKey",
    "ROLES",
    "ROLE_COORDINATOR",
    "ROLE_MENTOR",
    "STATUSES",
    "STATUS_ACTIVE",
    "STATUS_PAUSED",
    "STATUS_STOPPED",
    "Business",
    "FamilyLink",
    "Product",
    "Program",
    "StepProgress",
    "Team",
    "User",
    "team_members",
    "utcnow",
    "ASPECTS",
    "VIEW_SOURCES",
    "FollowUp",
    "PageViewDaily",
    "StatusChange",
    "Visit",
    "visit_mentors",
]
