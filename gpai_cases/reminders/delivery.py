"""The reminders' e-mails go through :mod:`gpai_cases.core.mail` (its home since invitations
use it too); the names stay here for the reminders' modules."""

from gpai_cases.core.mail import hand_over, message, send

__all__ = ["hand_over", "message", "send"]
