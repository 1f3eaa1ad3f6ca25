"""The models Django loads for the finance app: each sub-package defines its own (the
year-end close and its adjusting entries; the SHU policy, plans and members' shares);
importing them here registers them under the app's label and migrations. The statements
and the member benefit report are read from the ledger and the other apps: no tables."""

from .closing import models as closing_models  # noqa: F401
from .shu import models as shu_models  # noqa: F401
