"""State machines as data: each stateful model names its allowed moves in one table
and moves only through `move_to`, so a rule such as "a cancelled order never ships"
is read in one place and refused with one error everywhere.

    class Order(CoopOwned, Stateful):
        TRANSITIONS = {Status.NEW: {Status.PAID, Status.CANCELLED}, …}

    order.move_to(Order.Status.PAID)      # raises TransitionNotAllowed when not allowed
    order.save(update_fields=["status", …])

The service still locks the row (select_for_update) before reading its status: the
table says which moves exist, the lock makes sure the status it checks is current.
"""

from django.utils.translation import gettext_lazy as _

from .errors import DomainError


class TransitionNotAllowed(DomainError):
    """A move the model's table does not allow; the API answers 409."""

    def __init__(self, message, *, current, target):
        super().__init__(message, code="transition")
        self.current = current
        self.target = target


class Stateful:
    """Mixin for a model with a `status` field (another name via STATUS_FIELD) and a
    TRANSITIONS table: {from_status: {to_status, …}}. A status missing from the
    table is final."""

    STATUS_FIELD = "status"
    TRANSITIONS: dict = {}

    def can_move_to(self, target) -> bool:
        return target in self.TRANSITIONS.get(getattr(self, self.STATUS_FIELD), ())

    def allowed_moves(self) -> frozenset:
        return frozenset(self.TRANSITIONS.get(getattr(self, self.STATUS_FIELD), ()))

    def move_to(self, target, message=None) -> None:
        """Set the status to `target` or raise TransitionNotAllowed (with `message`
        when the caller has a more precise one for its users). Does not save."""
        current = getattr(self, self.STATUS_FIELD)
        if not self.can_move_to(target):
            if message is None:
                message = _("Tidak bisa mengubah status dari “%(current)s” menjadi "
                            "“%(target)s”.") % {"current": self._status_label(current),
                                                  "target": self._status_label(target)}
            raise TransitionNotAllowed(message, current=current, target=target)
        setattr(self, self.STATUS_FIELD, target)

    def _status_label(self, value) -> str:
        """The status as the pages name it (its choice label), not the stored code."""
        meta = getattr(self, "_meta", None)
        if meta is None:
            return str(value)
        return str(dict(meta.get_field(self.STATUS_FIELD).flatchoices).get(value, value))
