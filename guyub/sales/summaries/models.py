"""Monthly sales summaries: what the dashboards read instead of a million orders.

Rows per (month, channel, market reach) and per (month, product), rebuilt by the
periodic job `refresh_sales_summaries` (services.refresh) from the orders themselves,
never written by the checkout: the order path stays as fast as it is, and a rebuild
is always exact for the months it covers. SummaryState says up to when the rows are
complete; the dashboards add the months after that from the orders, live."""

from decimal import Decimal

from django.db import models
from django.utils import timezone

from guyub.catalog.models import Channel, Product
from guyub.core.models import Cooperative, CoopOwned
from guyub.members.models import Member

ZERO = Decimal(0)


class SummaryState(CoopOwned):
    # Derived data of the cooperative, like the order counter: it goes with it.
    cooperative = models.OneToOneField(Cooperative, on_delete=models.CASCADE,
                                       primary_key=True, related_name="+")
    # Orders paid or cancelled before this moment are in the rows.
    built_at = models.DateTimeField(default=timezone.now)
    # The cooperative's region when the reach was derived: a change rebuilds every month.
    region = models.CharField(max_length=110)

    def __str__(self):
        return f"{self.cooperative_id} {self.built_at}"


class ChannelMonth(CoopOwned):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    channel = models.ForeignKey(Channel, null=True, on_delete=models.CASCADE, related_name="+")
    reach = models.CharField(max_length=10)
    sales = models.DecimalField(max_digits=18, decimal_places=0, default=ZERO)
    orders = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["cooperative", "month"])]


class ProductMonth(CoopOwned):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    sales = models.DecimalField(max_digits=18, decimal_places=0, default=ZERO)
    quantity = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["cooperative", "month"])]
