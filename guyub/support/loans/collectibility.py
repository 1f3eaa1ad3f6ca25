"""Collectibility grades (kolektibilitas) of a member loan from its days overdue. Pure.

The thresholds follow the four grades the OJK's asset-quality rules and the cooperative
ministry's savings-and-loan guidance use (the optional "dalam perhatian khusus" grade is
folded into "kurang lancar" here, as the issue asks for four):

- lancar: nothing overdue, or overdue no longer than the cooperative's grace days;
- kurang lancar: 1 to 90 days overdue (beyond the grace days);
- diragukan: 91 to 180 days;
- macet: more than 180 days.

Days overdue are counted from the due date of the oldest unpaid instalment, not from
the end of the grace period: the grace only keeps a loan "lancar" for those few days.
"""

from django.utils.translation import gettext_lazy as _

LANCAR = "lancar"
KURANG_LANCAR = "kurang_lancar"
DIRAGUKAN = "diragukan"
MACET = "macet"
GRADES = (LANCAR, KURANG_LANCAR, DIRAGUKAN, MACET)
LABELS = {LANCAR: _("Lancar"), KURANG_LANCAR: _("Kurang lancar"),
          DIRAGUKAN: _("Diragukan"), MACET: _("Macet")}

KURANG_LANCAR_UNTIL = 90  # days overdue, inclusive
DIRAGUKAN_UNTIL = 180  # days overdue, inclusive; beyond is macet


def grade(days_overdue: int, grace_days: int = 0) -> str:
    if days_overdue <= max(grace_days, 0):
        return LANCAR
    if days_overdue <= KURANG_LANCAR_UNTIL:
        return KURANG_LANCAR
    if days_overdue <= DIRAGUKAN_UNTIL:
        return DIRAGUKAN
    return MACET
