"""Django's makemessages, also reading `_l(...)`: modules whose labels are defined at
import time (the financial statements' lines) mark them with gettext_lazy imported as
`_l`, beside gettext as `_`; xgettext knows only Django's own names unless told."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_l"]
