"""The models Django loads for the resources app: each sub-package defines its own,
and this module gathers them."""

from .assets.models import Asset, AssetPhoto, MaintenanceWindow, Qualification
from .bookings.models import Booking, Handover, Slot, WaitlistEntry

__all__ = ["Asset", "AssetPhoto", "Booking", "Handover", "MaintenanceWindow",
           "Qualification", "Slot", "WaitlistEntry"]
