class DomainError(Exception):
    """A business rule refused the operation.

    `message` is shown to the user (Bahasa Indonesia); `field` names the form
    field it belongs to, when there is one. Views turn it into a form error or a
    flash message, the API into a 4xx response.
    """

    def __init__(self, message, *, field: str | None = None, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code
