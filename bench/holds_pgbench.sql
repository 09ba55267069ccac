-- pgbench script for bench/holds.py: the database's own ceiling for placing holds.
--
-- One transaction = what POST /api/v1/reservations commits, minus Python: look for an
-- overlapping occupying row (status pre_reserved/confirmed/blocked), and if there is none
-- insert a 'pre_reserved' booking (random accommodation 1..100, check-in over the next
-- 700 days, 1-3 nights, price from the accommodation, 30 % deposit, expires in 30 min)
-- together with its 'hold' audit row in reservation_events.
-- NOT EXISTS is the service's check; two clients can still race past it, and then the
-- exclusion constraint reservations_no_overlap decides. ON CONFLICT DO NOTHING (which
-- PostgreSQL accepts for exclusion constraints, without a conflict target) turns that loss
-- into "0 rows" instead of an error that would abort the pgbench client.
--
-- Run: pgbench -n -c 50 -j 2 -T 15 -f bench/holds_pgbench.sql -h 127.0.0.1 -U postgres posada_bench

\set acc random(1, 100)
\set day random(1, 700)
\set nights random(1, 3)
WITH stay AS (
    SELECT current_date + :day AS check_in, current_date + :day + :nights AS check_out
), hold AS (
    INSERT INTO reservations (
        property_id, accommodation_id, kind, code, status, check_in, check_out, guests,
        guest_name, channel, expires_at, currency, total, deposit, quote,
        created_at, updated_at
    )
    SELECT a.property_id, a.id, 'booking', upper(left(md5(random()::text), 16)),
           'pre_reserved', s.check_in, s.check_out, 2, 'Bench', 'web',
           now() + interval '30 minutes', a.currency,
           a.base_price * :nights + a.cleaning_fee,
           round((a.base_price * :nights + a.cleaning_fee) * 0.30, 2),
           json_build_object('nights', :nights, 'guests', 2, 'currency', a.currency),
           now(), now()
    FROM accommodations AS a, stay AS s
    WHERE a.id = :acc AND a.active
      AND NOT EXISTS (
          SELECT 1 FROM reservations AS r
          WHERE r.accommodation_id = :acc
            AND r.status IN ('pre_reserved', 'confirmed', 'blocked')
            AND r.check_in < s.check_out AND r.check_out > s.check_in
      )
    ON CONFLICT DO NOTHING
    RETURNING id, property_id, created_at
)
INSERT INTO reservation_events (property_id, reservation_id, verb, from_status, to_status,
                                actor, at)
SELECT property_id, id, 'hold', NULL, 'pre_reserved', 'web', created_at FROM hold;
