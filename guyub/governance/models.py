"""The models Django loads for the governance app: each sub-package defines its own
(meetings and their by-laws, the frozen register and attendance, decisions, votes and
ballots, elections and officer terms; the minutes are made from them); importing them
here registers them under the app's label and migrations."""

from .attendance import models as attendance_models  # noqa: F401
from .ballots import models as ballots_models  # noqa: F401
from .decisions import models as decisions_models  # noqa: F401
from .elections import models as elections_models  # noqa: F401
from .meetings import models as meetings_models  # noqa: F401
