-- 1,000,000 contacts in tenant 'bench' (every 10th inactive), each with an external id, in one statement.
-- Deterministic: contact i has id md5('bench-' || i)::uuid, email user<i>@bench.example and external id ext-<i>.
-- The statement-level triggers keep contact_counts right for this bulk insert as for the service's own writes.
with inserted as (
    insert into crm.contacts (id, tenant_id, name, email, phone, company, role, preferences, metadata, is_active, created_at, updated_at)
    select md5('bench-' || i)::uuid, 'bench', 'User ' || i, 'user' || i || '@bench.example', '+1 555 ' || lpad(i::text, 7, '0'),
           'Company ' || (i % 1000), 'Role ' || (i % 7), '{"language": "en"}'::jsonb, '{}'::jsonb, i % 10 <> 0,
           timestamptz '2025-01-01' + make_interval(secs => i), timestamptz '2025-01-01' + make_interval(secs => i)
    from generate_series(1, 1000000) as i
    returning id, tenant_id, name, created_at
)
insert into crm.contact_external_ids (id, tenant_id, external_id, contact_id, created_at)
select md5('ext-' || substring(name from 6))::uuid, tenant_id, 'ext-' || substring(name from 6), id, created_at
from inserted;
