"""Every write of bookings, one module per concern: booking (the rules, slots, fee,
series), decisions (approve, reject, cancel), the waiting list, maintenance windows.
slots.py holds the lock order they all share."""

from .booking import book
from .decisions import approve, cancel, cancel_is_free, free_until, reject
from .maintenance import cancel_maintenance, schedule_maintenance
from .slots import SlotTaken
from .waitlist import expire_waitlist, join_waitlist, offer_freed, withdraw_waitlist

__all__ = ["SlotTaken", "approve", "book", "cancel", "cancel_is_free", "cancel_maintenance",
           "expire_waitlist", "free_until", "join_waitlist", "offer_freed", "reject",
           "schedule_maintenance", "withdraw_waitlist"]
