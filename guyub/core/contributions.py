"""How the apps plug into what the platform offers without `core` naming them.

Each app's AppConfig may carry a `contributes` mapping from a hook name to the
dotted path of a function; core asks for a hook and gets the functions in
INSTALLED_APPS order (the apps' layer order, so members' demo data exists before
sales' and purchasing's). Adding a capability means adding an entry to its own
AppConfig, never an import in core.

Hooks:
  demo           load(cooperative, board_user): the app's part of the demo cooperative,
                 inside its scope.
  periodic_jobs  jobs() -> list[core.jobs.Job]: the app's scheduled jobs.
  dashboard      context(request) -> dict: figures for the cooperative's home page.
  home_without_cooperative
                 context(user) -> dict: for a signed-in user with no role anywhere
                 (an applicant), what to show on the platform's home.
  notification_topics
                 topics() -> list[notifications.Topic]: what the app tells people about
                 (guyub.notifications; the app calls notifications.services.notify).
  notification_phones
                 phones(cooperative, user_ids) -> {user_id: phone}: the phone numbers
                 the app knows for these users in this cooperative (WhatsApp notices
                 go there unless the user gave their own number).
"""

from collections.abc import Callable
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string

HOOKS = frozenset({"demo", "periodic_jobs", "dashboard", "home_without_cooperative",
                   "notification_topics", "notification_phones"})


@cache
def contributions(hook: str) -> tuple[Callable, ...]:
    """The functions the installed apps contribute to `hook`, in INSTALLED_APPS order."""
    if hook not in HOOKS:
        raise ValueError(f"Unknown contribution hook {hook!r}; known: {sorted(HOOKS)}")
    found = []
    for config in apps.get_app_configs():
        path = getattr(config, "contributes", {}).get(hook)
        if path:
            found.append(import_string(path))
    return tuple(found)


def merged_context(hook: str, *args) -> dict:
    """Call every contribution to a context hook and merge what they return."""
    context = {}
    for contribute in contributions(hook):
        context.update(contribute(*args))
    return context
