"""Reads of meetings and their by-law rules."""

from decimal import Decimal

from .models import GovernanceSettings


def settings_for(cooperative) -> GovernanceSettings:
    """The cooperative's meeting rules; until the board saves them, the defaults with
    the quorum the cooperative's profile names (unsaved)."""
    found = GovernanceSettings.objects.filter(cooperative=cooperative).first()
    if found is not None:
        return found
    return GovernanceSettings(cooperative=cooperative,
                              quorum_fraction=cooperative.rat_quorum or Decimal("0.5"))
