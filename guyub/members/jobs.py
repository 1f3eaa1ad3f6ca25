"""Members' periodic job: simpanan wajib reminders and arrears notices (daily; each
month told once, see simpanan/notices.py)."""

from django.utils.translation import gettext_lazy

from guyub.core.jobs import Job

from .simpanan.notices import remind_dues


def jobs() -> list[Job]:
    return [Job("remind_simpanan_dues",
                gettext_lazy("Mengingatkan simpanan wajib yang jatuh tempo dan tertunggak"),
                remind_dues, schedule="0 8 * * *")]
