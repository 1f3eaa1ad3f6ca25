"""Set-up writes: grades, which members' products meet them, the board's floor prices,
and corporate buyers with their business profiles."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.catalog.models import Product
from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.sales.models import Buyer

from ..models import MAX_PRICE, BusinessProfile, FloorPrice, Grade, GradeApproval


def save_grade(grade: Grade, *, actor) -> Grade:
    """Create or change a grade (its name is unique within its kind of product)."""
    with transaction.atomic():
        created = grade.pk is None
        taken = Grade.objects.filter(category=grade.category, name__iexact=grade.name)
        if taken.exclude(pk=grade.pk).exists():
            raise DomainError(_("Mutu dengan nama ini sudah ada untuk jenis produk ini."),
                              field="name")
        grade.save()
        log_action(cooperative=grade.cooperative, actor=actor,
                   action="grade.created" if created else "grade.updated", obj=grade,
                   active=grade.active)
    return grade


def approve_product(*, grade: Grade, product: Product, actor, valid_until=None,
                    note: str = "") -> GradeApproval:
    """Record that a member's product met the grade (a sample passed). Only an approved
    catalog product of the grade's kind qualifies. Approving again renews the approval
    (the one row per product and grade gets the new validity)."""
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product.pk)
        if product.status != Product.Status.APPROVED:
            raise DomainError(_("Hanya produk yang sudah disetujui di katalog yang dapat "
                                "dinyatakan memenuhi mutu."), field="product")
        if product.category_id != grade.category_id:
            raise DomainError(_("Produk ini bukan jenis %(kind)s.")
                              % {"kind": grade.category.name}, field="product")
        if valid_until is not None and valid_until < timezone.localdate():
            raise DomainError(_("Tanggal berlaku tidak boleh sudah lewat."),
                              field="valid_until")
        approval, created = GradeApproval.objects.get_or_create(
            cooperative=grade.cooperative, product=product, grade=grade,
            defaults={"approved_by": actor, "valid_until": valid_until, "note": note})
        if not created:
            approval.approved_by, approval.approved_on = actor, timezone.localdate()
            approval.valid_until, approval.note = valid_until, note
            approval.save()
        log_action(cooperative=grade.cooperative, actor=actor, action="grade.approved",
                   obj=grade, product=product.pk, expires_on=valid_until, note=note)
    return approval


def end_approval(*, approval: GradeApproval, actor) -> GradeApproval:
    """Stop an approval from today on. The row stays (it says who was approved and
    when): it is only no longer valid, so the product no longer makes its maker
    eligible for new contracts of the grade."""
    with transaction.atomic():
        approval = GradeApproval.objects.select_for_update().get(pk=approval.pk)
        yesterday = timezone.localdate() - dt.timedelta(days=1)
        if approval.valid_until is not None and approval.valid_until <= yesterday:
            raise DomainError(_("Persetujuan ini sudah tidak berlaku."), code="conflict")
        approval.valid_until = yesterday
        approval.save(update_fields=["valid_until"])
        log_action(cooperative=approval.cooperative, actor=actor, action="grade.approval_ended",
                   obj=approval.grade, product=approval.product_id, expires_on=yesterday)
    return approval


def set_floor_price(*, grade: Grade, price: Decimal, source=FloorPrice.Source.BOARD,
                    reference: str = "", actor) -> FloorPrice:
    """Set the floor price of a grade: a new row, which is in force from now on (the
    newest row is the one in force; the earlier ones stay as its history).

    The board sets it from the grade page (source BOARD). This is also the hook for
    governance: once members vote on floor prices, the vote's outcome calls this with
    source=FloorPrice.Source.VOTE and `reference` naming the decision (e.g. the vote's
    number and date), and the floor then binds every acceptance like the board's."""
    price = Decimal(price)
    if not price.is_finite() or price != price.to_integral_value() or price < 1:
        raise DomainError(_("Harga dasar harus rupiah utuh, paling sedikit Rp1."),
                          field="price")
    if price > MAX_PRICE:
        raise DomainError(_("Harga dasar terlalu besar."), field="price")
    with transaction.atomic():
        grade = Grade.objects.select_for_update().get(pk=grade.pk)
        row = FloorPrice.objects.create(cooperative=grade.cooperative, grade=grade, price=price,
                                        source=source, reference=reference, set_by=actor,
                                        set_at=timezone.now())
        log_action(cooperative=grade.cooperative, actor=actor, action="floor_price.set",
                   obj=grade, amount=price, reference=reference, source=str(source))
    return row


def _business_buyer(cooperative, user) -> Buyer:
    """The login's business Buyer row, made from the login when it has none yet."""
    buyer = (Buyer.objects.select_for_update().filter(user=user, kind=Buyer.Kind.BUSINESS)
             .order_by("id").first())
    if buyer is None:
        buyer = Buyer.objects.create(
            cooperative=cooperative, user=user, kind=Buyer.Kind.BUSINESS,
            name=(user.get_full_name() or user.get_username())[:150],
            email=user.email or "", phone="")
    return buyer


def save_business_profile(profile: BusinessProfile, *, actor) -> BusinessProfile:
    """A buyer saves its own business profile (a login without a business Buyer row
    gets one first). The buyer's company name follows the legal name."""
    with transaction.atomic():
        cooperative = profile.cooperative
        if profile.pk is None:
            profile.buyer = _business_buyer(cooperative, actor)
            existing = BusinessProfile.objects.filter(buyer=profile.buyer).first()
            if existing is not None:
                profile.pk, profile.id = existing.pk, existing.pk
        created = profile.pk is None
        profile.save()
        Buyer.objects.filter(pk=profile.buyer_id).update(
            company=profile.legal_name, email=profile.contact_email,
            phone=profile.contact_phone)
        log_action(cooperative=cooperative, actor=actor,
                   action="business_profile.created" if created else "business_profile.updated",
                   obj=profile)
    return profile


def enter_business_buyer(profile: BusinessProfile, *, actor) -> Buyer:
    """Staff enter a corporate buyer that has no login (a contract entered for it):
    a business Buyer row and its profile."""
    with transaction.atomic():
        buyer = Buyer.objects.create(
            cooperative=profile.cooperative, kind=Buyer.Kind.BUSINESS,
            name=profile.contact_name, company=profile.legal_name,
            email=profile.contact_email, phone=profile.contact_phone)
        profile.buyer = buyer
        profile.save()
        log_action(cooperative=profile.cooperative, actor=actor,
                   action="business_profile.created", obj=profile)
    return buyer
