"""Votes and ballots.

Secret by construction, not anonymised later. Two tables that never meet:
- `Participation`, the register of who voted: the voter and how (online, at a tablet,
  on paper), never what they chose. The database's unique constraint on (vote, entry)
  is what makes it one ballot per voter.
- `Ballot`, the ballot box: a random UUID, the vote, the choice and the hash of the
  voter's receipt code. No column points to a member or a user, and there is no
  timestamp: the vote's own opening and closing times are the only times a ballot has.
  The box is filled in at random, not in the order people vote: when a vote opens,
  one blank ballot per voter on the register is created in shuffled order and a voter
  fills a blank picked at random, so neither the ids, nor the row order, nor which
  blank was filled tells who. When the vote closes the filled ballots are rewritten
  once (`sealed`), which gives every one of them the same database transaction, so
  nothing the database keeps about a row's writing pairs it with the register; then
  (PostgreSQL, where an update writes a new row version where there is room, which
  follows the casting order) the table is rewritten in the order of the random ids
  (`box_to_reorder`, statements.reorder_ballots), so the rows' physical order does
  not pair them either.

Open (named) votes are a setting per vote; only then is each voter's choice written,
to `NamedChoice`, beside the secret box."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned
from guyub.core.states import Stateful

from ..attendance.models import RegisterEntry
from ..meetings.models import AgendaItem, Meeting

# The choice is a bit mask of option positions, so the tally is one SQL pass and an
# election ballot marks several candidates in one row.
MAX_OPTIONS = 62


class Vote(CoopOwned, Stateful):
    class Kind(models.TextChoices):
        MOTION = "motion", _("Usul: setuju / tidak setuju / abstain")
        CHOICE = "choice", _("Pilihan di antara beberapa usul")
        ELECTION = "election", _("Pemilihan pengurus/pengawas")

    class Majority(models.TextChoices):
        SIMPLE = "simple", _("Suara terbanyak (lebih banyak setuju daripada tidak)")
        SPECIAL = "special", _("Mayoritas khusus sesuai AD/ART")
        PLURALITY = "plurality", _("Pilihan dengan suara terbanyak")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Disiapkan")
        OPEN = "open", _("Dibuka")
        CLOSED = "closed", _("Ditutup")
        INVALID = "invalid", _("Tidak sah (kuorum hilang)")

    class Result(models.TextChoices):
        PENDING = "", _("Belum ada")
        PASSED = "passed", _("Diterima")
        REJECTED = "rejected", _("Ditolak")
        CHOSEN = "chosen", _("Terpilih")
        ELECTED = "elected", _("Kursi terisi")
        TIE = "tie", _("Suara sama (seri)")
        INVALID = "invalid", _("Tidak sah")

    TRANSITIONS = {
        Status.DRAFT: {Status.OPEN},
        Status.OPEN: {Status.CLOSED, Status.INVALID},
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="votes")
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="votes")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    question = models.CharField(_("pertanyaan"), max_length=300)
    secret = models.BooleanField(_("rahasia"), default=True)
    majority = models.CharField(_("aturan suara"), max_length=10, choices=Majority.choices,
                                default=Majority.SIMPLE)
    # For a special majority: the by-law fraction, copied when the vote opens.
    special_fraction = models.DecimalField(max_digits=4, decimal_places=3, null=True,
                                           blank=True)
    # How many options a ballot may mark (an election's seats; 1 otherwise).
    max_marks = models.PositiveSmallIntegerField(_("pilihan paling banyak"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)

    opened_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    # Closed, and its box not yet rewritten in random-id order (the rewrite waits for a
    # lock on the whole ballot table, so it may be left to the periodic job).
    box_to_reorder = models.BooleanField(default=False)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    # The quorum when it opened and when it closed (the minutes print both).
    register_count = models.PositiveIntegerField(default=0)
    needed_count = models.PositiveIntegerField(default=0)
    present_at_open = models.PositiveIntegerField(default=0)
    represented_at_open = models.PositiveIntegerField(default=0)
    present_at_close = models.PositiveIntegerField(default=0)
    represented_at_close = models.PositiveIntegerField(default=0)
    # Written when it closes, from the tally.
    result = models.CharField(_("hasil"), max_length=10, choices=Result.choices, blank=True,
                              default=Result.PENDING)
    ballots_cast = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self):
        return self.question


class Option(CoopOwned):
    """A choice on the ballot: yes/no/abstain for a motion, a proposal, or a candidate
    (with their statement) in an election."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(_("pilihan"), max_length=200)
    # A motion's abstain option: counted, but neither for nor against.
    abstain = models.BooleanField(default=False)
    candidate = models.ForeignKey("members.Member", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    statement = models.TextField(_("visi dan misi"), blank=True, max_length=3000)
    # Written when the vote closes.
    votes = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["vote", "position"]
        constraints = [models.UniqueConstraint(fields=["vote", "position"],
                                               name="one_option_per_position"),
                       models.CheckConstraint(condition=models.Q(position__lt=MAX_OPTIONS),
                                              name="option_position_fits_the_mask")]

    def __str__(self):
        return self.label

    @property
    def bit(self) -> int:
        return 1 << self.position


class Participation(CoopOwned):
    """Who voted in a vote, and how. Never what they chose."""

    class Via(models.TextChoices):
        ONLINE = "online", _("Daring")
        TABLET = "tablet", _("Tablet di ruang rapat")
        PAPER = "paper", _("Kertas suara")

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="participations")
    entry = models.ForeignKey(RegisterEntry, on_delete=models.PROTECT, related_name="+")
    via = models.CharField(max_length=10, choices=Via.choices)
    # A proxy's vote: the holder who cast it for the entry.
    cast_by = models.ForeignKey(RegisterEntry, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "entry"],
                                               name="one_ballot_per_voter_per_vote")]


class Ballot(CoopOwned):
    """A ballot in the box: see the module's docstring for why it has no member, no
    time and a random id. A blank (`filled` false) waits for a voter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="ballots")
    filled = models.BooleanField(default=False)
    selection = models.BigIntegerField(default=0)
    # SHA-256 of the receipt code the voter was shown; only the voter has the code.
    receipt = models.CharField(max_length=64, blank=True)
    sealed = models.BooleanField(default=False)
    # The blank's place in the shuffled pool (0 … register size − 1), set when the vote
    # opens and never written again: a cast picks a slot uniformly at random. (Picking
    # "the first blank after a random id" favours a blank whose neighbours were just
    # filled, so ballots next to each other by id were filled in order more often.)
    slot = models.PositiveIntegerField(default=0)

    class Meta:
        # Only (vote, id) is indexed, never a column a cast or the seal writes: updates
        # need no index work (the seal of 300,000 ballots went from 20 s to seconds).
        # It is also the order the table is rewritten in after a close (CLUSTER on it:
        # random ids, so an order unrelated to the casting order; the first index).
        indexes = [models.Index(fields=["vote", "id"]), models.Index(fields=["vote", "slot"])]


class NamedChoice(CoopOwned):
    """An open vote's named record: who chose what. Never written for a secret vote."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="named_choices")
    entry = models.ForeignKey(RegisterEntry, on_delete=models.PROTECT, related_name="+")
    selection = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "entry"],
                                               name="one_named_choice_per_voter")]


class PaperBatch(CoopOwned):
    """Paper ballots counted in the room: one officer enters the counts per option, a
    second officer enters them again; only matching counts go into the box."""

    class Status(models.TextChoices):
        ENTERED = "entered", _("Dientri, menunggu pencocokan")
        CONFIRMED = "confirmed", _("Cocok, masuk kotak suara")
        MISMATCH = "mismatch", _("Tidak cocok, hitung ulang")

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="paper_batches")
    counts = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ENTERED)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    entered_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["vote", "id"]
