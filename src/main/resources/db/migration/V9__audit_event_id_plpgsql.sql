-- audit_event_id (V6) as PL/pgSQL, with the same result. As a SQL function it could not be inlined into the column
-- default (its argument, clock_timestamp(), is volatile and the body used it twice), so PostgreSQL ran it through the
-- SQL function executor, which prepares the body again on every call: a fifth of the cost of the statement that
-- stores a SCIM user with its membership and audit row (pgbench, 16 clients, 5,344 -> 6,773 statements/s). A
-- PL/pgSQL function keeps its prepared expressions for the session.
create or replace function audit_event_id(at timestamptz) returns uuid language plpgsql volatile as $$
declare
    us constant bigint := floor(extract(epoch from at) * 1000000)::bigint;
begin
    return encode(overlay(uuid_send(gen_random_uuid())
                          placing substring(int8send(us / 1000) from 3)
                                  || int2send((28672 | (us % 1000) * 4096 / 1000)::smallint)
                          from 1 for 8), 'hex')::uuid;
end $$;
