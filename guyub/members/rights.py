"""Which right each lifecycle step needs, for the pages and the API alike; the
service (Member.TRANSITIONS) decides whether the step exists."""

from .models import Member

STATUS_PERMISSION = {
    Member.Status.ACTIVE: "members.approve",
    Member.Status.REJECTED: "members.approve",
    Member.Status.EXITED: "members.status",
    Member.Status.EXPELLED: "members.status",
}
