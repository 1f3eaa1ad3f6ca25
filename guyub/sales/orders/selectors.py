"""Reads of orders and buyers. Run inside the current cooperative's scope."""

from django.db.models import Count, Q, QuerySet

from .models import Buyer, Order


def buyer_of(user) -> Buyer | None:
    """The logged-in user's buyer record in this cooperative, if they have one."""
    if user is None or not user.is_authenticated:
        return None
    return Buyer.objects.filter(user=user).order_by("pk").first()


def order_list(*, status: str = "", q: str = "") -> QuerySet:
    """The back office's orders: of one status, and matching a buyer's name or company or
    an order number (PSN-000012, 12), when given."""
    orders = Order.objects.select_related("buyer")
    if status:
        orders = orders.filter(status=status)
    q = q.strip()
    if q:
        number = q.upper().removeprefix("PSN-").lstrip("0")
        match = Q(buyer__name__icontains=q) | Q(buyer__company__icontains=q)
        if number.isdigit():
            match |= Q(number=int(number))
        orders = orders.filter(match)
    return orders


def order_by_number(value: str) -> Order | None:
    """The order of a number as people write it (PSN-000012, 12), or None."""
    digits = value.strip().upper().removeprefix("PSN-").lstrip("0")
    if digits.isascii() and digits.isdigit() and len(digits) <= 9:
        return Order.objects.select_related("cooperative").filter(number=int(digits)).first()
    return None


def orders_of(user) -> QuerySet:
    """A buyer account's orders, newest first."""
    return (Order.objects.filter(buyer__user=user).select_related("buyer")
            .order_by("-placed_at", "-pk"))


def last_destination(buyer: Buyer) -> dict | None:
    """Where the buyer's last order went: a returning shop does not type it again."""
    return (Order.objects.filter(buyer=buyer).order_by("-placed_at", "-pk")
            .values("country", "province", "city", "address").first())


def waiting_counts() -> dict[str, int]:
    """Orders to collect payment for, and paid orders to prepare, by status."""
    return dict(Order.objects.filter(status__in=[Order.Status.PLACED, Order.Status.PAID])
                .values_list("status").annotate(n=Count("id")))
