"""The models Django loads for the support app: each sub-package defines its own
(loans, the solidarity fund, the help board); importing them here registers them
under the app's label and migrations."""

from .helpboard import models as helpboard_models  # noqa: F401
from .loans import models as loans_models  # noqa: F401
from .solidarity import models as solidarity_models  # noqa: F401
