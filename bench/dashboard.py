"""Benchmark: the board dashboard of a cooperative with 100,000 members and 1,000,000
orders.

Issue: "board dashboard ... under 500 ms for the default period". Renders the real page
(Django's test client, signed in as the board, default period: this year) and times it
beside the plain SQL aggregates the page needs, run in the same process, as the ratio.

    .venv/bin/python bench/dashboard.py              # load once (~1-2 min), then measure
    .venv/bin/python bench/dashboard.py --reload     # drop the bench database, load anew
    .venv/bin/python bench/dashboard.py --explain    # EXPLAIN (ANALYZE) each plain query

PostgreSQL: BENCH_DATABASE_URL, by default
postgresql://postgres@127.0.0.1:5432/guyub_bench_dashboard (created when missing).

Data (marker: cooperative `bench-dashboard` with exactly 1,000,000 orders), generated
with INSERT ... SELECT FROM generate_series in one transaction: 100,000 members (90 %
active; sector, regency, scale, workers, join date spread), two simpanan rows each
(pokok, and wajib covering 0-36 months), 2,000 products of the first 2,000 members,
1,000 buyers, 1,000,000 orders over the last 730 days (5 % cancelled; those of the last
14 days still open: 3 % unpaid, the rest paid or being fulfilled; older ones delivered;
a fifth with no channel, 2 % abroad, the rest over four provinces and six cities), one
order line and one fulfilment line each. Then VACUUM (ANALYZE). The simpanan accounts
are summed from the transactions, as the services keep them.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import ensure_database, say, setup_django  # noqa: E402

URL = os.environ.get("BENCH_DATABASE_URL",
                     "postgresql://postgres@127.0.0.1:5432/guyub_bench_dashboard")
SLUG = "bench-dashboard"
MEMBERS, PRODUCTS, BUYERS, ORDERS = 100_000, 2_000, 1_000, 1_000_000
RUNS = 7
TARGET_MS = 500

LOAD = [
    # Members: 90 % active, the rest applicants and leavers.
    """INSERT INTO members_member (cooperative_id, number, status, owner_name, nik,
        business_name, nib, phone, email, address, province, regency, sector, workers,
        business_capital, annual_sales, scale, join_date, applied_at, created_at, updated_at)
       SELECT %(coop)s, g, CASE WHEN g %% 10 = 0 THEN 'applicant' WHEN g %% 20 = 1 THEN 'exited'
              ELSE 'active' END,
              'Anggota ' || g, '9' || lpad(g::text, 15, '0'), 'Usaha ' || g, '', '', '', '', '34',
              (ARRAY['Sleman','Bantul','Kulon Progo','Gunungkidul','Kota Yogyakarta'])[1 + g %% 5],
              (ARRAY['kopi','batik','makanan_ringan','kerajinan','fesyen','pertanian'])[1 + g %% 6],
              1 + g %% 25, NULL, NULL,
              (ARRAY['mikro','mikro','mikro','kecil','menengah'])[1 + g %% 5],
              DATE '2021-01-01' + (g %% 1800), now(), now(), now()
       FROM generate_series(1, %(members)s) g""",
    """INSERT INTO members_simpanantransaction (cooperative_id, member_id, kind, type, amount,
        months, date, method, receipt_number, note, created_at)
       SELECT %(coop)s, m.id, k.kind, 'deposit',
              CASE k.kind WHEN 'pokok' THEN 100000 ELSE 25000 * (1 + m.number %% 36) END,
              CASE k.kind WHEN 'pokok' THEN 0 ELSE 1 + m.number %% 36 END,
              m.join_date + (m.number %% 300), 'cash', m.number, '', now()
       FROM members_member m CROSS JOIN (VALUES ('pokok'), ('wajib')) k(kind)
       WHERE m.cooperative_id = %(coop)s AND m.status = 'active'""",
    # The wajib and pokok accounts the simpanan services keep beside the transactions.
    """INSERT INTO members_simpananaccount (cooperative_id, member_id, kind, balance,
        months_paid)
       SELECT %(coop)s, member_id, kind, SUM(amount), SUM(months)
       FROM members_simpanantransaction WHERE cooperative_id = %(coop)s
       GROUP BY member_id, kind""",
    """INSERT INTO catalog_product (cooperative_id, member_id, category_id, name, description,
        story, unit, net_weight_grams, price, stock, min_order_qty, barcode, hs_code, status,
        review_note, created_at, updated_at)
       SELECT %(coop)s, m.id, %(category)s, 'Produk ' || m.number, '', '', 'pcs', 250,
              10000 + (m.number %% 97) * 5000, 1000, 1, '', '', 'approved', '', now(), now()
       FROM members_member m WHERE m.cooperative_id = %(coop)s AND m.number <= %(products)s""",
    """INSERT INTO sales_buyer (cooperative_id, kind, name, company, email, phone, created_at)
       SELECT %(coop)s, 'retail', 'Pembeli ' || g, '', 'pembeli' || g || '@contoh.id',
              '0812' || g, now() FROM generate_series(1, %(buyers)s) g""",
    # Orders over the last 730 days; 3 % unpaid (no paid_at), 5 % cancelled.
    """WITH p AS (SELECT array_agg(id ORDER BY id) ids, array_agg(price ORDER BY id) prices
                  FROM catalog_product WHERE cooperative_id = %(coop)s),
            b AS (SELECT min(id) first FROM sales_buyer WHERE cooperative_id = %(coop)s),
            c AS (SELECT array_agg(id ORDER BY id) ids FROM catalog_channel
                  WHERE cooperative_id = %(coop)s)
       INSERT INTO sales_order (cooperative_id, number, buyer_id, channel_id, status, country,
        province, city, address, subtotal, ppn_rate, ppn_amount, total, weight_grams,
        shipping_cost_share, note, placed_at, paid_at, access_key)
       SELECT %(coop)s, g, b.first + g %% %(buyers)s,
              CASE WHEN g %% 5 = 0 THEN NULL ELSE c.ids[1 + g %% array_length(c.ids, 1)] END,
              CASE WHEN g %% 100 < 5 THEN 'cancelled'
                   WHEN g %% (730 * 24 * 60) >= 14 * 24 * 60 THEN 'delivered'
                   WHEN g %% 100 < 8 THEN 'placed' WHEN g %% 100 < 60 THEN 'paid'
                   ELSE 'fulfilling' END,
              CASE WHEN g %% 50 = 0 THEN 'JP' ELSE 'ID' END,
              CASE WHEN g %% 50 = 0 THEN '' ELSE (ARRAY['34','34','33','35','31'])[1 + g %% 5] END,
              (ARRAY['Sleman','Bantul','Kota Yogyakarta','Kota Surabaya','Kota Semarang',
                     'Jakarta Selatan'])[1 + g %% 6],
              'Jl. Bench ' || g, p.prices[1 + g %% %(products)s] * (1 + g %% 3), 0, 0,
              p.prices[1 + g %% %(products)s] * (1 + g %% 3), 250, 0, '',
              now() - make_interval(mins => g %% (730 * 24 * 60)) - interval '1 hour',
              CASE WHEN g %% 100 BETWEEN 5 AND 7 AND g %% (730 * 24 * 60) < 14 * 24 * 60
                   THEN NULL ELSE now() - make_interval(mins => g %% (730 * 24 * 60)) END,
              md5(g::text)
       FROM generate_series(1, %(orders)s) g, p, b, c""",
    """WITH p AS (SELECT array_agg(id ORDER BY id) ids, array_agg(price ORDER BY id) prices
                  FROM catalog_product WHERE cooperative_id = %(coop)s)
       INSERT INTO sales_orderline (cooperative_id, order_id, product_id, name, quantity,
        unit_price, line_total, weight_grams)
       SELECT %(coop)s, o.id, p.ids[1 + o.number %% %(products)s], 'Produk', 1 + o.number %% 3,
              p.prices[1 + o.number %% %(products)s], o.subtotal, 250
       FROM sales_order o, p WHERE o.cooperative_id = %(coop)s""",
    """INSERT INTO sales_fulfilmentline (cooperative_id, order_id, order_line_id, member_id,
        product_id, quantity, sale_amount, commission, due_date, handed_over_at)
       SELECT %(coop)s, l.order_id, l.id, pr.member_id, l.product_id, l.quantity, l.line_total,
              round(l.line_total * 0.1), current_date, NULL
       FROM sales_orderline l JOIN catalog_product pr ON pr.id = l.product_id
       WHERE l.cooperative_id = %(coop)s""",
]


# What the page needs from the database, as plain SQL: the same figures, grouped the
# same way (members by four fields, orders by month/channel/reach, top products and
# makers, simpanan by kind and month, arrears by join date and months paid, queues).
PLAIN = {
    "members by status/sector/scale/regency": [
        f"""SELECT {field}, COUNT(*), SUM(workers) FROM members_member
            WHERE cooperative_id = %(coop)s {'' if field == 'status' else "AND status = 'active'"}
            GROUP BY {field}""" for field in ("status", "sector", "scale", "regency")],
    "sales by month, channel and reach": ["""
        SELECT date_trunc('month', paid_at AT TIME ZONE 'Asia/Jakarta') m, channel_id,
               CASE WHEN country <> 'ID' THEN 'export'
                    WHEN province = '34' AND upper(city) = upper('Sleman') THEN 'local'
                    WHEN province = '34' THEN 'regional' ELSE 'national' END reach,
               SUM(subtotal), COUNT(*)
        FROM sales_order WHERE cooperative_id = %(coop)s AND paid_at >= %(since)s
             AND paid_at < %(until)s AND status <> 'cancelled'
        GROUP BY 1, 2, 3"""],
    "top products and makers": [f"""
        SELECT f.{key}, SUM(f.sale_amount) s, SUM(f.quantity) FROM sales_fulfilmentline f
        JOIN sales_order o ON o.id = f.order_id
        WHERE f.cooperative_id = %(coop)s AND o.cooperative_id = %(coop)s
              AND o.paid_at >= %(since)s AND o.paid_at < %(until)s
              AND o.status <> 'cancelled'
        GROUP BY f.{key} ORDER BY s DESC LIMIT 10""" for key in ("product_id", "member_id")],
    "simpanan by kind and month": ["""
        SELECT kind, date_trunc('month', date), SUM(CASE WHEN type = 'deposit' THEN amount
               ELSE -amount END) FROM members_simpanantransaction
        WHERE cooperative_id = %(coop)s AND date <= %(today)s GROUP BY 1, 2"""],
    "arrears groups": ["""
        SELECT m.join_date, COALESCE(a.months_paid, 0), COUNT(*) FROM members_member m
        LEFT JOIN members_simpananaccount a ON a.member_id = m.id AND a.kind = 'wajib'
        WHERE m.cooperative_id = %(coop)s AND m.status = 'active' GROUP BY 1, 2"""],
    "work queues": ["""
        SELECT status, COUNT(*) FROM sales_order WHERE cooperative_id = %(coop)s
        AND status IN ('placed', 'paid', 'fulfilling') GROUP BY status"""],
}


# The same figures as the page now reads them: the months before the current one from
# the monthly summaries, the current month from the orders (params: month = its start).
SUMMARISED = {
    "members by status/sector/scale/regency": PLAIN["members by status/sector/scale/regency"],
    "sales: summaries + this month's orders": [
        """SELECT month, channel_id, reach, SUM(sales), SUM(orders) FROM sales_channelmonth
           WHERE cooperative_id = %(coop)s AND month >= %(first)s AND month < %(month)s
           GROUP BY 1, 2, 3""",
        PLAIN["sales by month, channel and reach"][0].replace("%(since)s", "%(month_at)s")],
    "top products and makers: summaries + this month": [
        *[f"""SELECT {key}, SUM(sales), SUM(quantity) FROM sales_productmonth
              WHERE cooperative_id = %(coop)s AND month >= %(first)s AND month < %(month)s
              GROUP BY 1""" for key in ("product_id", "member_id")],
        *[sql.replace("%(since)s", "%(month_at)s").replace("ORDER BY s DESC LIMIT 10", "")
          for sql in PLAIN["top products and makers"]]],
    "simpanan by kind and month": PLAIN["simpanan by kind and month"],
    "arrears groups": PLAIN["arrears groups"],
    "work queues": PLAIN["work queues"],
}


def load(reload: bool):
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from guyub.catalog.models import Category
    from guyub.core.models import Cooperative, CoopRole
    from guyub.sales.models import Order

    with scopes_disabled():
        coop = Cooperative.objects.filter(slug=SLUG).first()
        if coop and Order.objects.filter(cooperative=coop).count() == ORDERS:
            return coop
        if coop is not None:
            sys.exit(f"{SLUG} is half loaded: run with --reload")
        started = time.perf_counter()
        with transaction.atomic():
            coop = Cooperative.objects.create(name="Koperasi Bench Dasbor", slug=SLUG,
                                              coop_type="produsen", province="34",
                                              regency="Sleman")
            user, _ = get_user_model().objects.get_or_create(username="bench-dasbor@guyub.id")
            CoopRole.objects.get_or_create(user=user, cooperative=coop, role="board")
            category = Category.objects.create(cooperative=coop, name="Bench")
            params = {"coop": coop.pk, "category": category.pk, "members": MEMBERS,
                      "products": PRODUCTS, "buyers": BUYERS, "orders": ORDERS}
            with connection.cursor() as cursor:
                for statement in LOAD:
                    step = time.perf_counter()
                    cursor.execute(statement, params)
                    say(f"  {statement.split('INSERT INTO ')[1].split()[0]:28} "
                        f"{cursor.rowcount:>9,} rows {time.perf_counter() - step:6.1f} s")
                cursor.execute("UPDATE sales_ordercounter SET last_number = %s "
                               "WHERE cooperative_id = %s", [ORDERS, coop.pk])
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        say(f"loaded in {time.perf_counter() - started:.0f} s")
        return coop


def timed(fn) -> float:
    fn()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    ensure_database(URL, drop=args.reload)
    setup_django(URL)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.utils import timezone
    from django_scopes import scope

    from guyub.reports.dashboards import periods
    from guyub.sales.summaries import services as summaries

    coop = load(args.reload)
    # What the periodic job does: the first run builds every month, later runs only the
    # months touched since (here: none, or the current one while orders come in).
    with scope(cooperative=coop):
        for run in ("run 1", "run 2"):
            started = time.perf_counter()
            months = summaries.refresh(coop)
            say(f"summaries refresh, {run}: {time.perf_counter() - started:.2f} s, "
                f"months rebuilt: {'all' if months is None else months}")
    period, _before = periods.resolve(periods.DEFAULT, timezone.localdate())
    tz = timezone.get_current_timezone()
    since, until = period.bounds(tz)
    month = period.end.replace(day=1)
    params = {"coop": coop.pk, "since": since, "until": until, "today": period.end,
              "first": period.start, "month": month,
              "month_at": periods.Period(month, period.end).bounds(tz)[0]}
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-dasbor@guyub.id"))
    url = f"/k/{SLUG}/dasbor/"

    def page():
        response = client.get(url, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code

    def plain(statements):
        def run():
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql, params)
                    cursor.fetchall()
        return run

    if args.explain:
        with connection.cursor() as cursor:
            for name, statements in {**PLAIN, **SUMMARISED}.items():
                for sql in statements:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                    say(f"--- {name}\n" + "\n".join(r[0] for r in cursor.fetchall()))

    say(f"board dashboard, {MEMBERS:,} members, {ORDERS:,} orders, period "
        f"{period.start} - {period.end}; PostgreSQL, median of {RUNS} runs")
    totals = {}
    for title, table in (("over the orders (no summaries)", PLAIN),
                         ("as the page reads (summaries + this month)", SUMMARISED)):
        say(f"plain SQL {title}:")
        for name, statements in table.items():
            say(f"  {name:50} {timed(plain(statements)):8.1f} ms")
        totals[title] = timed(plain([sql for group in table.values() for sql in group]))
        say(f"  {'all of it':50} {totals[title]:8.1f} ms")
    page_ms = timed(page)
    verdict = "PASS" if page_ms < TARGET_MS else "FAIL"
    over_orders, as_read = totals.values()
    say(f"page {page_ms:.1f} ms | plain SQL as the page reads {as_read:.1f} ms, ratio "
        f"{page_ms / as_read:.2f}x | plain SQL over the orders {over_orders:.1f} ms, ratio "
        f"{page_ms / over_orders:.2f}x | target {TARGET_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
