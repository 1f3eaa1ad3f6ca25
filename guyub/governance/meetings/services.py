"""Every write of meetings: the by-law rules, a meeting drafted and edited, its agenda
and the documents sent with the notice.

A meeting is edited only while it is a draft: once called, its agenda and documents
are what the members were sent (calling, opening and closing are the attendance and
minutes packages')."""

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.regions import PROVINCES
from guyub.core.typed_text import clean_text as text

from . import selectors
from .models import AgendaDocument, AgendaItem, GovernanceSettings, Meeting, QuorumRule

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
MAX_PRICE = Decimal(10) ** 14  # the floor_price column's 14 digits
SETTINGS_FIELDS = ("notice_days", "quorum_fraction", "quorum_rule",
                   "reconvened_quorum_fraction", "exclude_arrears", "proxies_allowed",
                   "proxy_cap", "special_majority", "delegates_allowed")
# The standard agenda of an accountability RAT: the approvals finance and the SHU
# code require before paying out.
STANDARD_RAT_AGENDA = (
    (AgendaItem.Kind.ACCOUNTS,
     gettext_lazy("Laporan pertanggungjawaban pengurus dan laporan keuangan")),
    (AgendaItem.Kind.SHU, gettext_lazy("Penetapan pembagian SHU")),
    (AgendaItem.Kind.BUDGET,
     gettext_lazy("Rencana kerja dan rencana anggaran pendapatan dan belanja")),
)


def _require_user(actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Langkah ini harus dicatat oleh pengguna yang masuk."))


def _locked(meeting: Meeting) -> Meeting:
    """The meeting row, locked: every change of a meeting and its agenda queues here
    (the status it checks is current; agenda positions are handed out one at a time)."""
    return Meeting.objects.select_for_update(of=("self",), no_key=True).get(pk=meeting.pk)


def _draft(meeting: Meeting) -> Meeting:
    meeting = _locked(meeting)
    if meeting.status != Meeting.Status.DRAFT:
        raise DomainError(_("Rapat yang undangannya sudah dikirim tidak dapat diubah lagi: "
                            "acara dan dokumennya adalah yang diterima anggota."),
                          code="transition")
    return meeting


# --- the by-law rules ---------------------------------------------------------------


@transaction.atomic
def save_settings(*, cooperative, actor, **values) -> GovernanceSettings:
    """The board sets the by-law rules; meetings already called keep the rules they
    were called under (they copied them)."""
    _require_user(actor)
    # A meeting copies the quorum when it is called, but proxies, their cap and the
    # special majority are read while it runs: changing them mid-meeting would change
    # who counts and what passes. The by-laws change between meetings.
    running = Meeting.objects.filter(status__in=(Meeting.Status.CALLED,
                                                 Meeting.Status.OPEN)).first()
    if running is not None:
        raise DomainError(_("Aturan rapat tidak dapat diubah selama %(title)s sudah diundang "
                            "atau berlangsung.") % {"title": running.title}, code="conflict")
    if (values.get("quorum_fraction") == 1
            and values.get("quorum_rule") == QuorumRule.MORE_THAN):
        raise DomainError(_("Kuorum \"lebih dari\" seluruh anggota tidak mungkin tercapai; "
                            "pilih \"paling sedikit\" untuk 100%."), field="quorum_fraction")
    current = selectors.settings_for(cooperative)
    if current.pk:
        current = GovernanceSettings.objects.select_for_update().get(pk=current.pk)
    before = {f: str(getattr(current, f)) for f in SETTINGS_FIELDS}
    for name in SETTINGS_FIELDS:
        if name in values:
            setattr(current, name, values[name])
    current.updated_by = actor
    current.updated_at = timezone.now()
    try:
        current.full_clean(exclude=["cooperative", "updated_by"], validate_unique=False)
    except ValidationError as error:  # the columns' own limits
        messages = getattr(error, "message_dict", {})
        field, errors = next(iter(messages.items()), (None, [str(error)]))
        raise DomainError(errors[0], field=field) from None
    current.save()
    # The cooperative's profile shows the RAT quorum too (and its settings form and API
    # edit it): one number, kept in both places.
    type(cooperative).objects.filter(pk=cooperative.pk).update(
        rat_quorum=current.quorum_fraction)
    cooperative.rat_quorum = current.quorum_fraction
    after = {f: str(getattr(current, f)) for f in SETTINGS_FIELDS}
    log_action(cooperative=cooperative, actor=actor, action="governance_settings.updated",
               obj=current,
               changes={f: [before[f], after[f]] for f in before if before[f] != after[f]})
    return current


# --- meetings -------------------------------------------------------------------------


def _meeting_fields(cooperative, *, kind, title, fiscal_year, starts_at, place, online,
                    group_name, delegates_to, delegate_seats, now, group_province="",
                    group_regency="", exclude=None) -> dict:
    """What a draft meeting is made of, checked against the by-laws."""
    if kind not in Meeting.Kind.values:
        raise DomainError(_("Jenis rapat tidak dikenal."), field="kind")
    rules = selectors.settings_for(cooperative)
    if kind == Meeting.Kind.PRE_RAT and not rules.delegates_allowed:
        raise DomainError(_("AD/ART koperasi tidak mengatur RAT perwakilan, jadi rapat "
                            "kelompok tidak dapat dibuat. Ubah aturan rapat lebih dulu."),
                          field="kind")
    if not isinstance(starts_at, dt.datetime):
        raise DomainError(_("Waktu rapat tidak valid."), field="starts_at")
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if starts_at <= now:
        raise DomainError(_("Waktu rapat sudah lewat; pilih tanggal dan jam yang akan "
                            "datang."), field="starts_at")
    if fiscal_year is not None:
        try:
            fiscal_year = int(fiscal_year)
        except (TypeError, ValueError):
            raise DomainError(_("Tahun buku tidak valid."), field="fiscal_year") from None
        if not 2000 <= fiscal_year <= 2100:
            raise DomainError(_("Tahun buku antara 2000 dan 2100."), field="fiscal_year")
    if kind == Meeting.Kind.RAT and fiscal_year is None:
        raise DomainError(_("RAT mempertanggungjawabkan satu tahun buku: isi tahun bukunya."),
                          field="fiscal_year")
    fields = {"kind": kind, "title": text(title, field="title", limit=200),
              "fiscal_year": fiscal_year, "starts_at": starts_at,
              "place": text(place, field="place", limit=200, required=False),
              "online": bool(online), "group_name": "", "delegates_to": None,
              "delegate_seats": 0, "group_province": "", "group_regency": ""}
    if not fields["place"] and not fields["online"]:
        raise DomainError(_("Isi tempat rapat, atau izinkan anggota hadir daring."),
                          field="place")
    if kind == Meeting.Kind.PRE_RAT:
        target = None
        if delegates_to is not None:
            target = selectors.delegate_targets().filter(pk=delegates_to.pk).first()
        if target is None:
            raise DomainError(_("Pilih RAT atau RALB koperasi ini yang belum selesai, "
                                "tempat utusan kelompok dikirim."), field="delegates_to")
        try:
            seats = int(delegate_seats)
        except (TypeError, ValueError):
            seats = 0
        if not 1 <= seats <= 1000:
            raise DomainError(_("Jumlah utusan antara 1 dan 1000."), field="delegate_seats")
        if starts_at >= target.starts_at:
            raise DomainError(_("Rapat kelompok diadakan sebelum rapat yang menerima "
                                "utusannya."), field="starts_at")
        province, regency = _group(group_province, group_regency)
        refuse_overlap(target, province, regency, exclude=exclude)
        fields.update(group_name=text(group_name, field="group_name", limit=100),
                      delegates_to=target, delegate_seats=seats, group_province=province,
                      group_regency=regency)
    return fields


def _group(province, regency) -> tuple[str, str]:
    """A pre-RAT's group: a province (required) and optionally a regency within it."""
    province = text(province or "", field="group_province", limit=2, required=False)
    if province not in PROVINCES:
        raise DomainError(_("Pilih provinsi anggota kelompok ini."), field="group_province")
    regency = " ".join(text(regency or "", field="group_regency", limit=100,
                            required=False).split())
    return province, regency


def same_regency(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def refuse_overlap(target: Meeting, province: str, regency: str, *, exclude) -> None:
    """Two groups sending delegates to one RAT must not share a member: a group of a
    whole province overlaps any group in it, two regencies overlap when they are one."""
    others = Meeting.objects.filter(delegates_to=target, kind=Meeting.Kind.PRE_RAT,
                                    group_province=province, reconvened_as__isnull=True)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    for other in others:
        if not regency or not other.group_regency or same_regency(regency,
                                                                  other.group_regency):
            raise DomainError(
                _("Anggota kelompok ini sudah tercakup rapat kelompok \"%(title)s\" yang "
                  "mengirim utusan ke rapat yang sama.") % {"title": other.title},
                field="group_regency", code="conflict")


@transaction.atomic
def create_meeting(*, cooperative, actor, kind, title, starts_at, fiscal_year=None,
                   place="", online=True, group_name="", delegates_to=None,
                   delegate_seats=0, group_province="", group_regency="") -> Meeting:
    """A draft meeting; nobody is told until the board calls it."""
    _require_user(actor)
    fields = _meeting_fields(cooperative, kind=kind, title=title, fiscal_year=fiscal_year,
                             starts_at=starts_at, place=place, online=online,
                             group_name=group_name, delegates_to=delegates_to,
                             delegate_seats=delegate_seats, now=timezone.now(),
                             group_province=group_province, group_regency=group_regency)
    meeting = Meeting.objects.create(cooperative=cooperative, created_by=actor, **fields)
    log_action(cooperative=cooperative, actor=actor, action="meeting.created", obj=meeting,
               kind=meeting.kind, starts_at=meeting.starts_at)
    return meeting


@transaction.atomic
def update_meeting(*, meeting: Meeting, actor, kind, title, starts_at, fiscal_year=None,
                   place="", online=True, group_name="", delegates_to=None,
                   delegate_seats=0, group_province="", group_regency="") -> Meeting:
    _require_user(actor)
    meeting = _draft(meeting)
    if delegates_to is not None and delegates_to.pk == meeting.pk:
        raise DomainError(_("Rapat tidak dapat mengirim utusan ke dirinya sendiri."),
                          field="delegates_to")
    fields = _meeting_fields(meeting.cooperative, kind=kind, title=title,
                             fiscal_year=fiscal_year, starts_at=starts_at, place=place,
                             online=online, group_name=group_name,
                             delegates_to=delegates_to, delegate_seats=delegate_seats,
                             now=timezone.now(), group_province=group_province,
                             group_regency=group_regency, exclude=meeting)
    before = {f: str(getattr(meeting, f)) for f in fields}
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=list(fields))
    after = {f: str(getattr(meeting, f)) for f in fields}
    log_action(cooperative=meeting.cooperative, actor=actor, action="meeting.updated",
               obj=meeting,
               changes={f: [before[f], after[f]] for f in before if before[f] != after[f]})
    return meeting


# --- the agenda -----------------------------------------------------------------------


def _floor(kind, floor_grade, floor_price):
    """A floor-price item's grade (this cooperative's, active) and whole-rupiah price;
    other items carry neither."""
    if kind != AgendaItem.Kind.FLOOR_PRICE:
        return None, None
    grade = None
    if floor_grade is not None:
        grade = selectors.grades().filter(pk=floor_grade.pk).first()
    if grade is None:
        raise DomainError(_("Pilih mutu produk kontrak yang harga dasarnya diputuskan."),
                          field="floor_grade")
    try:
        price = Decimal(floor_price)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Harga dasar tidak valid."), field="floor_price") from None
    if not price.is_finite() or price <= 0 or price != price.to_integral_value():
        raise DomainError(_("Harga dasar harus rupiah utuh lebih dari nol."),
                          field="floor_price")
    if price >= MAX_PRICE:
        raise DomainError(_("Harga dasar terlalu besar."), field="floor_price")
    return grade, price


def _item_fields(*, kind, title, description, floor_grade, floor_price) -> dict:
    if kind not in AgendaItem.Kind.values:
        raise DomainError(_("Jenis acara tidak dikenal."), field="kind")
    grade, price = _floor(kind, floor_grade, floor_price)
    return {"kind": kind, "title": text(title, field="title", limit=200),
            "description": text(description, field="description", limit=5000,
                                required=False),
            "floor_grade": grade, "floor_price": price}


def _next_position(meeting: Meeting) -> int:
    return (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def add_item(*, meeting: Meeting, actor, kind, title, description="", floor_grade=None,
             floor_price=None) -> AgendaItem:
    """An agenda item at the end of the agenda (numbered under the meeting's lock)."""
    _require_user(actor)
    meeting = _draft(meeting)
    fields = _item_fields(kind=kind, title=title, description=description,
                          floor_grade=floor_grade, floor_price=floor_price)
    item = AgendaItem.objects.create(cooperative=meeting.cooperative, meeting=meeting,
                                     position=_next_position(meeting), **fields)
    log_action(cooperative=meeting.cooperative, actor=actor, action="agenda_item.created",
               obj=item, kind=item.kind)
    return item


@transaction.atomic
def update_item(*, item: AgendaItem, actor, kind, title, description="", floor_grade=None,
                floor_price=None) -> AgendaItem:
    _require_user(actor)
    _draft(item.meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    fields = _item_fields(kind=kind, title=title, description=description,
                          floor_grade=floor_grade, floor_price=floor_price)
    before = {f: str(getattr(item, f)) for f in fields}
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=list(fields))
    after = {f: str(getattr(item, f)) for f in fields}
    log_action(cooperative=item.cooperative, actor=actor, action="agenda_item.updated",
               obj=item,
               changes={f: [before[f], after[f]] for f in before if before[f] != after[f]})
    return item


@transaction.atomic
def move_item(*, item: AgendaItem, actor, up: bool) -> AgendaItem:
    """Swap the item with its neighbour above (or below); at the end, nothing moves."""
    _require_user(actor)
    meeting = _draft(item.meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    neighbours = meeting.items.filter(position__lt=item.position).order_by("-position") \
        if up else meeting.items.filter(position__gt=item.position).order_by("position")
    other = neighbours.first()
    if other is None:
        return item
    mine, theirs = item.position, other.position
    # (meeting, position) is unique and checked per statement: park one at 0 first.
    AgendaItem.objects.filter(pk=item.pk).update(position=0)
    AgendaItem.objects.filter(pk=other.pk).update(position=mine)
    AgendaItem.objects.filter(pk=item.pk).update(position=theirs)
    item.position = theirs
    log_action(cooperative=meeting.cooperative, actor=actor, action="agenda_item.moved",
               obj=item,
               changes={"position": [str(mine), str(theirs)]})
    return item


@transaction.atomic
def add_standard_rat_agenda(*, meeting: Meeting, actor) -> list[AgendaItem]:
    """The accountability RAT's approvals (accounts, SHU, budget), those of them the
    agenda lacks, appended in that order."""
    _require_user(actor)
    meeting = _draft(meeting)
    if meeting.kind != Meeting.Kind.RAT:
        raise DomainError(_("Acara baku hanya untuk RAT."))
    have = set(meeting.items.values_list("kind", flat=True))
    added = []
    for kind, title in STANDARD_RAT_AGENDA:
        if kind in have:
            continue
        added.append(AgendaItem.objects.create(
            cooperative=meeting.cooperative, meeting=meeting,
            position=_next_position(meeting), kind=kind, title=str(title)))
    if added:
        log_action(cooperative=meeting.cooperative, actor=actor,
                   action="agenda_item.created", obj=meeting,
                   kind=", ".join(i.kind for i in added))
    return added


# --- documents ------------------------------------------------------------------------


def _pdf_bytes(upload) -> bytes:
    if upload is None:
        raise DomainError(_("Pilih berkas PDF."), field="file")
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise DomainError(_("Berkas paling besar 10 MB."), field="file")
    upload.seek(0)
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DomainError(_("Berkas paling besar 10 MB."), field="file")
    # The real format, not the name: a PDF starts with "%PDF-" (a few writers put a
    # little junk before it; readers look within the first kilobyte).
    if PDF_MAGIC not in data[:1024]:
        raise DomainError(_("Berkas bukan PDF. Unggah dokumen dalam format PDF."),
                          field="file")
    return data


@transaction.atomic
def add_document(*, meeting: Meeting, actor, title, upload, item: AgendaItem | None = None
                 ) -> AgendaDocument:
    """A PDF sent with the notice, on the meeting or one of its items. Stored under a
    random name: the name people gave their file never reaches the disk."""
    _require_user(actor)
    meeting = _draft(meeting)
    title = text(title, field="title", limit=200)
    if item is not None and item.meeting_id != meeting.pk:
        raise DomainError(_("Acara itu bukan acara rapat ini."), field="item")
    data = _pdf_bytes(upload)
    document = AgendaDocument(cooperative=meeting.cooperative, meeting=meeting, item=item,
                              title=title, uploaded_by=actor)
    document.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(data), save=False)
    document.save()
    log_action(cooperative=meeting.cooperative, actor=actor, action="agenda_document.added",
               obj=document)
    return document
