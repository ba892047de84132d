-- Audit rows were numbered by one sequence shared by every organisation, and that number was shown (`id`, and the
-- `nextCursor` of GET /api/v1/audit): the gap between two of an organisation's rows counted every other
-- organisation's activity in between. Each row now gets a UUID version 7 (RFC 9562): 48 bits of milliseconds, 12 bits
-- of the fraction of the millisecond (its method 3, so rows a few microseconds apart still sort in order), then 62
-- random bits. It reveals the row's own creation time (shown anyway) and nothing else; PostgreSQL compares UUIDs
-- byte by byte, so ordering by id is ordering by time, and keyset paging keeps using the (org_id, id) index. The
-- default takes the database's clock, the same for every replica.

-- A UUIDv7 for the instant `at`: a random UUID (v4, whose variant bits are already RFC 9562's) with its first 64 bits
-- replaced by the milliseconds, the version 7 and the fraction of the millisecond.
create function audit_event_id(at timestamptz) returns uuid language sql volatile as $$
    select encode(overlay(uuid_send(gen_random_uuid())
                          placing substring(int8send(t.us / 1000) from 3)
                                  || int2send((28672 | (t.us % 1000) * 4096 / 1000)::smallint)
                          from 1 for 8), 'hex')::uuid
    from (select floor(extract(epoch from at) * 1000000)::bigint as us) t
$$;

alter table audit_events add column event_id uuid;
update audit_events set event_id = audit_event_id(created);
drop index audit_events_org_idx;
alter table audit_events drop column id;
alter table audit_events rename column event_id to id;
alter table audit_events alter column id set not null,
    alter column id set default audit_event_id(clock_timestamp()),
    add primary key (id);
create index audit_events_org_idx on audit_events (org_id, id);
