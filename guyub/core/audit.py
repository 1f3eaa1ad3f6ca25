from django.db import models

from . import rows
from .models import AuditLog, Cooperative


def log_action(*, cooperative: Cooperative, actor, action: str, obj: models.Model | None = None,
               **data) -> AuditLog:
    """Record who did what to which object. Call it inside the service's transaction,
    so the record exists exactly when the change does."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditLog(
        cooperative=cooperative,
        actor=user,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        data={k: _jsonable(v) for k, v in data.items()},
    )
    rows.insert([entry])  # every service writes one: no QuerySet machinery for it
    return entry


def _jsonable(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)
