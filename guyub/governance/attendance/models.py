"""Who may vote at a meeting and who is there.

The register is frozen when the notice goes out: one row per member with voting rights
on that day, with the number and name they had then, so a later change of the member
record (or a member leaving) does not change who could vote. Attendance is hybrid: in
person, checked in at the door (QR code or member number) and out when leaving; online,
present while the member's meeting page keeps telling the server it is open. A proxy
(kuasa) is registered before the meeting and counts only while its holder is present."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned

from ..meetings.models import Meeting

# An online member counts as present while their page checked in within this many
# seconds (the page tells the server every 30 s).
ONLINE_FRESH_SECONDS = 90


class RegisterEntry(CoopOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="register")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("nomor anggota"))
    name = models.CharField(_("nama"), max_length=150)
    # RAT perwakilan: the delegate was chosen at this group meeting.
    delegate_from = models.ForeignKey(Meeting, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="delegates")

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"],
                                               name="one_register_entry_per_member"),
                       models.UniqueConstraint(fields=["meeting", "number"],
                                               name="one_register_entry_per_number")]

    def __str__(self):
        return f"{self.number} {self.name}"


class Attendance(CoopOwned):
    """One row per register entry that came: how, since when, and whether they left."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("Hadir langsung")
        ONLINE = "online", _("Hadir daring")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    entry = models.OneToOneField(RegisterEntry, on_delete=models.CASCADE,
                                 related_name="attendance")
    mode = models.CharField(_("cara hadir"), max_length=10, choices=Mode.choices)
    checked_in_at = models.DateTimeField(default=timezone.now)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    # In person: set when they leave, cleared when they come back.
    left_at = models.DateTimeField(null=True, blank=True)
    # Online: the last time their meeting page was open.
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["meeting", "mode", "left_at"]),
                   models.Index(fields=["meeting", "last_seen_at"])]

    def __str__(self):
        return f"{self.entry} · {self.mode}"


class AttendanceEvent(CoopOwned):
    """The door's log (append-only): in, out, back in; the minutes count from it."""

    class Kind(models.TextChoices):
        IN = "in", _("Masuk")
        OUT = "out", _("Keluar")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=3, choices=Kind.choices)
    mode = models.CharField(max_length=10, choices=Attendance.Mode.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "id"]


class Proxy(CoopOwned):
    """A grantor on the register gives their vote to a holder on the same register."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="proxies")
    grantor = models.ForeignKey(RegisterEntry, on_delete=models.PROTECT,
                                related_name="proxies_given")
    holder = models.ForeignKey(RegisterEntry, on_delete=models.PROTECT,
                               related_name="proxies_held")
    registered_at = models.DateTimeField(default=timezone.now)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "grantor"],
                                    condition=models.Q(revoked_at__isnull=True),
                                    name="one_live_proxy_per_grantor"),
            models.CheckConstraint(condition=~models.Q(grantor=models.F("holder")),
                                   name="proxy_not_to_oneself"),
        ]

    def __str__(self):
        return f"{self.grantor} → {self.holder}"


class Delegate(CoopOwned):
    """A member a pre-RAT group meeting sent to its RAT/RALB (RAT perwakilan): chosen from
    the pre-RAT's frozen register; one seat per member per receiving meeting, so two
    groups cannot send the same member."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE,
                                related_name="delegate_rows")
    target = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(RegisterEntry, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    chosen_at = models.DateTimeField(default=timezone.now)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["meeting", "entry__number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "entry"], name="one_delegate_per_entry"),
            models.UniqueConstraint(fields=["target", "member"],
                                    name="one_delegate_seat_per_member"),
        ]

    def __str__(self):
        return f"{self.entry} → {self.target_id}"
