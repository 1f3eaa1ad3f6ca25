"""Domain errors and the one bridge from them to what a user sees: a form error, a
flash message, or an API answer. Services raise `DomainError`; views and API modules
go through `run_form`, `attempt` or `api_answer` (the API's exception handler), so
the same refusal reads the same everywhere. A view catches it by hand only where
the refusal goes somewhere these cannot put it (a formset's row, a message that
names the member), and says so in a comment.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages


class DomainError(Exception):
    """A business rule refused the operation.

    `message` is shown to the user (Bahasa Indonesia); `field` names the form
    field it belongs to, when there is one. `code` "transition" or "conflict" marks
    a refused step (the record is not in a state that allows it), which the API
    answers with 409; any other code is a refused value (400, or 422 with its field
    where the endpoint validates input).
    """

    def __init__(self, message, *, field: str | None = None, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code

    @property
    def is_refused_step(self) -> bool:
        return self.code in ("transition", "conflict")


def add_to_form(form, error: DomainError) -> None:
    """The refusal as a form error: on its field when the form has it, else on top."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def run_form(request, form, save: Callable, **kwargs):
    """Validate `form` on POST and hand its unsaved instance to the service `save`;
    the service's refusal becomes a form error. Returns the saved object or None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.save(commit=False), actor=request.user, **kwargs)
    except DomainError as error:
        add_to_form(form, error)
        return None


def attempt(request, action: Callable[[], Any], success=None, *, form=None):
    """Run a service call from a view. A refusal becomes an error message (or an error
    on `form`, when given) and the result is None; otherwise `success` (a message,
    or a callable taking the result and returning one) is flashed and the result
    returned. Either way the view goes on to redirect or render as it would."""
    try:
        result = action()
    except DomainError as error:
        if form is not None:
            add_to_form(form, error)
        else:
            messages.error(request, error.message)
        return None
    if success is not None:
        text = success(result) if callable(success) else success
        if text:
            messages.success(request, text)
    return result if result is not None else True


def api_answer(error: DomainError) -> tuple[int, dict]:
    """The API's status and `{"detail", "errors"}` body for a refusal: 409 for a refused
    step, 400 for a refused value. (An endpoint that validates input answers a refused
    value as 422 through core.api_auth.FormErrors, with "Data tidak valid." as detail.)"""
    message = str(error.message)
    errors = {error.field: [message]} if error.field else {}
    return (409 if error.is_refused_step else 400), {"detail": message, "errors": errors}
