"""The test suite's settings (pytest's DJANGO_SETTINGS_MODULE): the production
settings with GUYUB_TESTING on, which relaxes what only a real deployment needs
(a secret key, secure cookies, hashing cost, login lockout) and keeps the rest,
DEBUG off included. Nothing else switches on whether a test runner is loaded."""

import os

os.environ["GUYUB_TESTING"] = "1"

from guyub.settings import *  # noqa: E402,F403
