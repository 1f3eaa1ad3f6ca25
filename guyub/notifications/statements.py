"""notify()'s two bulk inserts as single PostgreSQL statements: the recipients and the
deliveries travel as arrays (unnest), so 100,000 rows cost a few statements instead of
the ORM composing and binding a million values (bench/notify.py). The notices' insert
names its cooperative; the deliveries' insert names notices it just made. On SQLite
services.notify uses bulk_create instead, with the same outcome (tests run both)."""

import json

from django.db import connection

from guyub.core import rows

from .models import Delivery, Notice

N, D = Notice._meta.db_table, Delivery._meta.db_table

INSERT_NOTICES = f"""
INSERT INTO {N} (cooperative_id, user_id, topic, event_id, params, link, created_at, batch)
SELECT %s, recipient, %s, %s, %s::jsonb, %s, %s, %s FROM unnest(%s::bigint[]) AS recipient
ON CONFLICT (cooperative_id, event_id, user_id) DO NOTHING
RETURNING id, user_id"""

INSERT_DELIVERIES = f"""
INSERT INTO {D} (notice_id, channel, address, status, attempts, next_attempt_at, error,
                 reference)
SELECT notice, channel, address, 'pending', 0, %s, '', ''
FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS d(notice, channel, address)"""


def available() -> bool:
    return connection.vendor == "postgresql"


INSERT_PERSONAL_NOTICES = f"""
INSERT INTO {N} (cooperative_id, user_id, topic, event_id, params, link, created_at, batch)
SELECT %s, recipient, %s, %s, own::jsonb, %s, %s, %s
FROM unnest(%s::bigint[], %s::text[]) AS r(recipient, own)
ON CONFLICT (cooperative_id, event_id, user_id) DO NOTHING
RETURNING id, user_id"""


def insert_notices(*, cooperative_id: int, user_ids: list[int], topic: str, event_id: str,
                   params: dict | None, link: str, created_at, batch,
                   personal: dict | None = None) -> list[tuple[int, int]]:
    """(notice id, user id) of the notices this statement made (a conflict makes none).
    Every notice carries `params`, or with `personal` each user's own."""
    if personal is None:
        return rows.execute(INSERT_NOTICES, [cooperative_id, topic, event_id,
                                             json.dumps(params), link, created_at, batch,
                                             user_ids])
    return rows.execute(INSERT_PERSONAL_NOTICES, [
        cooperative_id, topic, event_id, link, created_at, batch, user_ids,
        [json.dumps(personal[uid]) for uid in user_ids]])


def insert_deliveries(deliveries: list[tuple[int, str, str]], *, due) -> None:
    """(notice id, channel, address) each, due at `due`."""
    if deliveries:
        notices, channels, addresses = (list(column) for column in zip(*deliveries, strict=True))
        rows.execute(INSERT_DELIVERIES, [due, notices, channels, addresses])
