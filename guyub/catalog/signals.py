from django.db.models.signals import post_save
from django.dispatch import receiver

from guyub.core.models import Cooperative


@receiver(post_save, sender=Cooperative)
def create_default_channels(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .setup.services import create_default_channels as create

        create(cooperative=instance)
