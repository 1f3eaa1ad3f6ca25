"""Writes of the assets: registering and editing them, retiring them, their photos,
who is trained for them, and maintenance done.

Each write is one transaction; the asset row is locked (select_for_update) before it or
anything hanging from it changes, so two officers' edits queue rather than interleave."""

import datetime as dt
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.members.models import Member

from .models import Asset, AssetPhoto, Qualification

MAX_PHOTO_BYTES = 8 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PHOTOS = 12


def _locked(asset: Asset) -> Asset:
    return Asset.objects.select_for_update().get(pk=asset.pk)


def _check(asset: Asset) -> None:
    if asset.units > 1 and not asset.unit_label.strip():
        raise DomainError(_("Tulis nama satuan untuk aset yang dapat dibagi, mis. rak."),
                          field="unit_label")
    taken = Asset.objects.filter(cooperative=asset.cooperative, name__iexact=asset.name)
    if asset.pk:
        taken = taken.exclude(pk=asset.pk)
    if taken.exists():
        raise DomainError(_("Nama aset ini sudah dipakai aset lain."), field="name")


@transaction.atomic
def save_asset(asset: Asset, *, actor) -> Asset:
    """Register a new asset or save the edits of one (the form's unsaved instance)."""
    creating = asset.pk is None
    if not creating:
        _locked(asset)
    _check(asset)
    try:
        with transaction.atomic():
            asset.save()
    except IntegrityError:
        # Two officers registering the same name at the same moment: one wins.
        raise DomainError(_("Nama aset ini sudah dipakai aset lain."), field="name") from None
    log_action(cooperative=asset.cooperative, actor=actor,
               action="asset.created" if creating else "asset.updated", obj=asset)
    return asset


@transaction.atomic
def set_active(*, asset: Asset, actor, active: bool) -> Asset:
    """Retire an asset (no new bookings; its history stays) or bring it back."""
    asset = _locked(asset)
    if asset.active == active:
        return asset
    asset.active = active
    asset.save(update_fields=["active"])
    log_action(cooperative=asset.cooperative, actor=actor,
               action="asset.reactivated" if active else "asset.deactivated", obj=asset)
    return asset


def _photo_extension(upload) -> str:
    """The image's real format (read from its bytes, not its name or the browser's word)."""
    if upload.size > MAX_PHOTO_BYTES:
        raise DomainError(_("Foto terlalu besar (maksimal 8 MB)."), field="image")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError,
            SyntaxError):
        raise DomainError(_("Berkas bukan gambar yang dapat dibaca."), field="image") from None
    finally:
        upload.seek(0)
    if kind not in PHOTO_FORMATS:
        raise DomainError(_("Foto harus JPG, PNG atau WebP."), field="image")
    return PHOTO_FORMATS[kind]


@transaction.atomic
def add_photo(*, asset: Asset, actor, upload, caption: str = "") -> AssetPhoto:
    extension = _photo_extension(upload)
    asset = _locked(asset)
    if AssetPhoto.objects.filter(asset=asset).count() >= MAX_PHOTOS:
        raise DomainError(_("Paling banyak %(n)s foto per aset; hapus satu dulu.")
                          % {"n": MAX_PHOTOS}, field="image")
    photo = AssetPhoto(cooperative=asset.cooperative, asset=asset, caption=caption)
    stem = Path(upload.name or "foto").stem[:60] or "foto"
    photo.image.save(f"{stem}.{extension}", upload, save=False)
    photo.save()
    log_action(cooperative=asset.cooperative, actor=actor, action="asset.photo_added",
               obj=asset)
    return photo


@transaction.atomic
def remove_photo(*, photo: AssetPhoto, actor) -> None:
    asset = _locked(photo.asset)
    photo.delete()
    log_action(cooperative=asset.cooperative, actor=actor, action="asset.photo_removed",
               obj=asset)


@transaction.atomic
def grant_qualification(*, asset: Asset, member: Member, actor, granted_on: dt.date,
                        note: str = "") -> Qualification:
    """Record that `member` is trained (or certified) for `asset`."""
    asset = _locked(asset)
    if member.cooperative_id != asset.cooperative_id:
        raise DomainError(_("Anggota tidak ditemukan."), field="member")
    if member.status != Member.Status.ACTIVE:
        raise DomainError(_("Hanya anggota aktif yang dapat dicatat pelatihannya."),
                          field="member")
    if granted_on > timezone.localdate():
        raise DomainError(_("Tanggal pelatihan tidak boleh di masa depan."),
                          field="granted_on")
    if Qualification.objects.filter(asset=asset, member=member).exists():
        raise DomainError(_("Anggota ini sudah tercatat terlatih untuk aset ini."),
                          field="member")
    qualification = Qualification.objects.create(
        cooperative=asset.cooperative, asset=asset, member=member, granted_on=granted_on,
        note=note, granted_by=actor if getattr(actor, "pk", None) else None)
    log_action(cooperative=asset.cooperative, actor=actor, action="asset.qualified",
               obj=asset, member=member.pk, date=granted_on)
    return qualification


@transaction.atomic
def revoke_qualification(*, qualification: Qualification, actor) -> None:
    asset = _locked(qualification.asset)
    member_id = qualification.member_id
    qualification.delete()
    log_action(cooperative=asset.cooperative, actor=actor, action="asset.unqualified",
               obj=asset, member=member_id)


@transaction.atomic
def mark_maintained(*, asset: Asset, actor, on: dt.date | None = None) -> Asset:
    """Maintenance done ("perawatan selesai"): the next one falls due an interval later."""
    asset = _locked(asset)
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise DomainError(_("Tanggal perawatan tidak boleh di masa depan."), field="on")
    asset.last_maintained_on = on
    asset.save(update_fields=["last_maintained_on"])
    log_action(cooperative=asset.cooperative, actor=actor, action="asset.maintained",
               obj=asset, date=on)
    return asset
