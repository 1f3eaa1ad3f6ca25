"""Reads of the membership register: the filtered list, applications, one's own record."""

from django.db.models import Q, QuerySet

from .models import Member


def member_list(*, q: str = "", status: str = "", scale: str = "", sector: str = "",
                province: str = "", regency: str = "") -> QuerySet[Member]:
    """The member register, filtered. Runs in the current cooperative's scope."""
    members = Member.objects.all()
    if status:
        members = members.filter(status=status)
    else:
        # Applicants and rejected applications live on their own page.
        members = members.exclude(status__in=[Member.Status.APPLICANT, Member.Status.REJECTED])
    if scale:
        members = members.filter(scale=scale)
    if sector:
        members = members.filter(sector=sector)
    if province:
        members = members.filter(province=province)
    if regency:
        members = members.filter(regency__icontains=regency)
    q = q.strip()
    if q:
        text = (Q(owner_name__icontains=q) | Q(business_name__icontains=q)
                | Q(nik=q) | Q(nib=q) | Q(email__iexact=q))
        compact = q.replace("-", "").replace(" ", "")
        dialled = compact.removeprefix("+")
        if _is_digits(dialled) and len(dialled) >= 6:
            # Only a longer run of digits is a piece of a phone number: "3" or "12"
            # would match almost every phone and bury the member number searched for.
            text |= Q(phone__contains=dialled)
        if _is_digits(compact) and compact.startswith("0"):
            # Phones are stored as +62…; people search the way they dial: 0812…
            text |= Q(phone__startswith="+62" + compact[1:])
        digits = q.upper().removeprefix("A-")
        if _is_digits(digits) and len(digits) <= 6:
            # "3", "00003", "A-00003"; longer runs of digits are NIKs, NIBs or phones.
            text |= Q(number=int(digits))
        members = members.filter(text)
    return members.order_by("number", "id")


def _is_digits(value: str) -> bool:
    # isdigit() alone accepts "²" or "３", on which int() fails.
    return value.isascii() and value.isdigit()


def applications() -> QuerySet[Member]:
    return Member.objects.filter(status=Member.Status.APPLICANT).order_by("applied_at", "id")


def own_membership(user) -> Member | None:
    """The member record of a logged-in member in the current cooperative."""
    return (Member.objects.filter(user=user)
            .exclude(status__in=[Member.Status.REJECTED])
            .order_by("-applied_at").first())


def active_member_user_ids() -> list[int]:
    """The logins of the cooperative's active members (in the current scope): whom a
    notice to every member reaches."""
    return list(Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=False)
                .values_list("user_id", flat=True).distinct())
