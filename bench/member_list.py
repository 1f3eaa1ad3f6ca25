"""Benchmark: the member list page with 100,000 members.

Issue: "Member list with search, filters ... and pagination that stays fast with
100,000 members". Times the real page (through Django's test client, as the board)
for the first page, a deep page, a name search and a filter combination, beside the
plain SQL `COUNT(*)` + `LIMIT 25` it boils down to, run in the same process.

    .venv/bin/python bench/member_list.py     # PostgreSQL, BENCH_DATABASE_URL or
                                              # postgresql://postgres@127.0.0.1:5432/guyub_bench_members
"""

import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import ensure_database, setup_django  # noqa: E402

URL = os.environ.get("BENCH_DATABASE_URL",
                     "postgresql://postgres@127.0.0.1:5432/guyub_bench_members")
SLUG = "bench-members"
MEMBERS = 100_000
RUNS = 7


def load():
    from django.contrib.auth import get_user_model
    from django_scopes import scopes_disabled

    from guyub.core.models import Cooperative, CoopRole
    from guyub.members.models import Member, Sector
    from guyub.members.scale import umkm_scale
    from guyub.testing.factories import valid_nik

    with scopes_disabled():
        coop = Cooperative.objects.filter(slug=SLUG).first()
        if coop and Member.objects.filter(cooperative=coop).count() == MEMBERS:
            return coop
        if coop is None:
            coop = Cooperative.objects.create(name="Koperasi Bench Anggota", slug=SLUG,
                                              coop_type="produsen", province="34",
                                              regency="Sleman")
        user, _ = get_user_model().objects.get_or_create(username="bench-board@guyub.id")
        CoopRole.objects.get_or_create(user=user, cooperative=coop, role="board")
        rng = random.Random(7)
        first = ["Siti", "Budi", "Dewi", "Agus", "Rina", "Bambang", "Wulan", "Joko", "Sri", "Eko"]
        last = ["Lestari", "Santoso", "Wijaya", "Rahayu", "Pratama", "Susanto", "Handayani"]
        regencies = ["Sleman", "Bantul", "Kulon Progo", "Gunungkidul", "Kota Yogyakarta"]
        batch = []
        start = Member.objects.filter(cooperative=coop).count()
        for n in range(start, MEMBERS):
            capital = Decimal(rng.choice([20, 80, 300, 900, 2500, 7000])) * 1_000_000
            batch.append(Member(
                cooperative=coop, number=n + 1, status="active",
                owner_name=f"{rng.choice(first)} {rng.choice(last)} {n}",
                nik=valid_nik(n), business_name=f"Usaha {n}", phone=f"+62812{n:08d}",
                province="34", regency=rng.choice(regencies), sector=rng.choice(Sector.values),
                business_capital=capital, scale=umkm_scale(capital, None)))
            if len(batch) == 5000:
                Member.objects.bulk_create(batch)
                batch = []
        Member.objects.bulk_create(batch)
        coop.last_member_number = MEMBERS
        coop.save(update_fields=["last_member_number"])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE members_member")
    return coop


def timed(fn):
    fn()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    ensure_database(URL, drop=False)
    setup_django(URL)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    coop = load()
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-board@guyub.id"))
    base = f"/k/{SLUG}/anggota/"

    def page(query):
        def run():
            response = client.get(base + query, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, response.status_code
        return run

    def plain(where, params, offset=0):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM members_member WHERE {where}", params)
                cursor.fetchone()
                cursor.execute(f"SELECT * FROM members_member WHERE {where} "
                               f"ORDER BY number, id LIMIT 25 OFFSET {offset}", params)
                cursor.fetchall()
        return run

    active = "cooperative_id = %s AND status NOT IN ('applicant', 'rejected')"
    cases = [
        ("first page", "", plain(active, [coop.pk])),
        ("page 2000", "?page=2000", plain(active, [coop.pk], offset=25 * 1999)),
        ("search name 'Wulan Rahayu'", "?q=Wulan+Rahayu",
         plain(active + " AND (UPPER(owner_name) LIKE UPPER(%s))", [coop.pk, "%Wulan Rahayu%"])),
        ("filter sector+scale+regency", "?sector=kopi&scale=kecil&regency=Sleman",
         plain(active + " AND sector='kopi' AND scale='kecil' AND UPPER(regency) LIKE '%%SLEMAN%%'",
               [coop.pk])),
    ]
    print(f"member list over {MEMBERS:,} members, PostgreSQL, median of {RUNS} runs")
    print(f"{'case':32} {'page ms':>9} {'plain SQL ms':>13} {'ratio':>7}")
    for name, query, baseline in cases:
        page_ms, sql_ms = timed(page(query)), timed(baseline)
        print(f"{name:32} {page_ms:9.1f} {sql_ms:13.1f} {page_ms / sql_ms:7.1f}x")


if __name__ == "__main__":
    main()
