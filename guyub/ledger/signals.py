from django.db.models.signals import post_save
from django.dispatch import receiver

from guyub.core.models import Cooperative


@receiver(post_save, sender=Cooperative)
def create_chart_of_accounts(sender, instance, created, raw=False, **kwargs):
    # Every cooperative starts with the template chart, whichever way it was created.
    if created and not raw:
        from .services import create_chart

        create_chart(cooperative=instance)
