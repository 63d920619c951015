-- Database time of each read the service makes, per request shape, over 2000 random keys each (the same statements
-- the service sends, run as prepared plans from PL/pgSQL). Run against the seeded bench database:
--   psql -h localhost -U postgres -d crm_bench -f bench/db-timing.sql
create temp table timing (kind text, ms float8);
do $$
declare
    n int; t0 timestamptz; key_id uuid; k text; page bigint;
begin
    for n in 1..2000 loop
        key_id := md5('bench-' || (1 + floor(random() * 1000000))::int)::uuid;
        t0 := clock_timestamp();
        perform c.id, c.preferences::text, s.total_messages from crm.contacts c
            left join crm.contact_stats s on s.contact_id = c.id where c.tenant_id = 'bench' and c.id = key_id;
        insert into timing values ('lookup-by-id', extract(epoch from clock_timestamp() - t0) * 1000);

        k := 'ext-' || (1 + floor(random() * 1000000))::int;
        t0 := clock_timestamp();
        perform c.id, c.preferences::text, s.total_messages from crm.contact_external_ids x
            join crm.contacts c on c.id = x.contact_id left join crm.contact_stats s on s.contact_id = c.id
            where x.tenant_id = 'bench' and x.external_id = k and c.tenant_id = 'bench';
        insert into timing values ('lookup-by-external-id', extract(epoch from clock_timestamp() - t0) * 1000);

        k := 'User' || (1 + floor(random() * 1000000))::int || '@Bench.example';
        t0 := clock_timestamp();
        perform c.id, c.preferences::text, s.total_messages from crm.contacts c
            left join crm.contact_stats s on s.contact_id = c.id where c.tenant_id = 'bench' and lower(c.email) = lower(k);
        insert into timing values ('lookup-by-email', extract(epoch from clock_timestamp() - t0) * 1000);

        -- A random page of 10 among the active contacts: ContactListQuery's one statement.
        page := 1 + floor(random() * 90000)::bigint;
        t0 := clock_timestamp();
        perform * from (
            with t as (select coalesce((select active from crm.contact_counts where tenant_id = 'bench'), 0) as total),
            r as (select greatest(0, total - (page - 1) * 10 - 10) as start_rank from t),
            a as (select running.bucket, running.before
                  from (select bucket, cnt, sum(cnt) over (order by bucket) - cnt as before
                        from (select bucket, active as cnt from crm.contact_buckets where tenant_id = 'bench') counts) running, r
                  where running.before <= r.start_rank and running.before + running.cnt > r.start_rank
                  order by running.bucket limit 1),
            k as (select x.id, x.seq from crm.contacts x
                  where x.tenant_id = 'bench' and x.is_active and x.seq >= (select bucket << 10 from a)
                  order by x.seq offset (select r.start_rank - a.before from r, a) limit 10)
            select t.total, c.id, c.name, c.email, c.company, c.created_at, c.is_active
            from t left join (k join crm.contacts c on c.id = k.id) on true
            order by k.seq desc) q;
        insert into timing values ('list-random-page', extract(epoch from clock_timestamp() - t0) * 1000);
    end loop;
end $$;
select kind, count(*) as samples,
       round(percentile_cont(0.5) within group (order by ms)::numeric, 3) as p50_ms,
       round(percentile_cont(0.99) within group (order by ms)::numeric, 3) as p99_ms,
       round(max(ms)::numeric, 3) as max_ms
from timing group by kind order by kind;
