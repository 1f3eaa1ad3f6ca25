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
                | Q(nik=q) | Q(nib=q) | Q(phone__icontains=q) | Q(email__iexact=q))
        compact = q.replace("-", "").replace(" ", "")
        if compact.startswith("0") and compact.isdigit():
            # Phones are stored as +62…; people search the way they dial: 0812…
            text |= Q(phone__startswith="+62" + compact[1:])
        digits = q.upper().removeprefix("A-").lstrip("0")
        if digits.isdigit():
            text |= Q(number=int(digits))
        members = members.filter(text)
    return members.order_by("number", "id")


def applications() -> QuerySet[Member]:
    return Member.objects.filter(status=Member.Status.APPLICANT).order_by("applied_at", "id")


def own_membership(user) -> Member | None:
    """The member record of a logged-in member in the current cooperative."""
    return (Member.objects.filter(user=user)
            .exclude(status__in=[Member.Status.REJECTED])
            .order_by("-applied_at").first())
