"""Refused requests (403) are logged as one line: who, what, why.

Django logs each PermissionDenied with its full traceback at WARNING; a refusal is the
permission table working as meant, and a sweep of a few thousand of them buried every
real warning in the log.
"""

import logging


class OneLineRefusals(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403 or not record.exc_info:
            return True
        exc = record.exc_info[1]
        request = getattr(record, "request", None)
        user = getattr(request, "user", None)
        who = (user.get_username() if user is not None and user.is_authenticated
               else "anonymous")
        reason = str(exc) or type(exc).__name__
        record.msg = "Refused %s %s for %s: %s"
        record.args = (getattr(request, "method", "?"), getattr(request, "path", "?"), who,
                       reason)
        record.exc_info = None
        record.exc_text = None
        return True
