from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import log_action
from .errors import DomainError
from .models import PAYMENT_FIELDS, ApiToken, Cooperative, CoopRole


@transaction.atomic
def update_cooperative(*, cooperative: Cooperative, actor, data: dict) -> Cooperative:
    coop = Cooperative.objects.select_for_update(no_key=True).get(pk=cooperative.pk)
    changes = {k: [str(getattr(coop, k)), str(v)] for k, v in data.items()
               if getattr(coop, k) != v}
    for key, value in data.items():
        setattr(coop, key, value)
    coop.full_clean()
    coop.save()
    if changes:
        log_action(cooperative=coop, actor=actor, action="cooperative.updated", obj=coop,
                   changes=changes)
    paid_to = {k: v for k, v in changes.items() if k in PAYMENT_FIELDS}
    if paid_to:
        # Where buyers send money is what a fraudster would change: an entry of its own,
        # which supervisors can find by its action in the audit log.
        log_action(cooperative=coop, actor=actor, action="cooperative.payment_details_changed",
                   obj=coop, changes=paid_to)
    return coop


@transaction.atomic
def grant_role(*, cooperative: Cooperative, actor, user, role: str) -> CoopRole:
    row, created = CoopRole.objects.get_or_create(cooperative=cooperative, user=user, role=role)
    if created:
        log_action(cooperative=cooperative, actor=actor, action="role.granted", obj=row,
                   user=user.username, role=role)
    return row


@transaction.atomic
def issue_token(*, cooperative: Cooperative, actor, user, name: str) -> tuple[ApiToken, str]:
    """Return the token and its key; the key is shown once and never stored."""
    if not CoopRole.objects.filter(cooperative=cooperative, user=user).exists():
        raise DomainError(_("Pengguna ini tidak punya peran di koperasi ini."), field="user")
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        cooperative=cooperative, user=user, name=name, key_hash=ApiToken.hash_key(key),
        key_hint=key[:8], created_by=actor,
    )
    log_action(cooperative=cooperative, actor=actor, action="token.issued", obj=token,
               user=user.username)
    return token, key


@transaction.atomic
def revoke_token(*, token: ApiToken, actor) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action(cooperative=token.cooperative, actor=actor, action="token.revoked",
                   obj=token)
    return token
