"""Attendance writes: calling a meeting (the frozen register and the notice), opening,
adjourning and reconvening it; the door (in, out, back in), online presence, proxies.

Lock order, the same in every service, so two requests never wait on each other in a
circle: the meeting row, then a register entry (the door, one member at a time), then
that entry's attendance row."""

from .calling import adjourn, call, open_meeting, reconvene
from .door import check_in, check_out, entry_for_code
from .online import heartbeat, join_online
from .proxies import register_proxy, revoke_proxy

__all__ = ["adjourn", "call", "check_in", "check_out", "entry_for_code", "heartbeat",
           "join_online", "open_meeting", "reconvene", "register_proxy", "revoke_proxy"]
