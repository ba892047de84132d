-- Cheaper membership writes: a SCIM group PATCH of 100 members inserts 100 rows, and every create inserts one (PUBLIC).
-- Measured with pgbench on a copy of the schema (100,000 users), PostgreSQL CPU per statement (BENCHMARKS.md):
--
-- 1. The foreign keys from memberships and access_tokens to organizations go. Each row's check took a share lock on
--    its organisation's row, which every concurrent write of the tenant locks too (a multixact per locker): adding
--    100 members at 16 clients cost 23 % less without it. Nothing is lost: the composite keys of V5 tie a membership
--    to a role and a user of its own organisation (and a token to a user of its own), those rows reference the
--    organisation, and deleting an organisation still cascades through them.
alter table memberships drop constraint memberships_org_id_fkey;
alter table access_tokens drop constraint access_tokens_org_id_fkey;

-- 2. A membership joining or leaving ADMIN is announced once per statement, not once per row (V7): the row trigger
--    ran its own query on roles for every member added to a SCIM group, which can never be ADMIN (-12 % for 100
--    members at one client). Same channel, same payload (the user's id), still sent only when the change commits.
drop trigger memberships_notify_credentials on memberships;
drop function notify_credentials_of_member();

create function notify_credentials_of_members() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform pg_notify('scim_credentials', m.user_id::text)
           from added m join roles r on r.id = m.role_id
          where r.source = 'SYSTEM' and r.name = 'ADMIN';
    else
        perform pg_notify('scim_credentials', m.user_id::text)
           from removed m join roles r on r.id = m.role_id
          where r.source = 'SYSTEM' and r.name = 'ADMIN';
    end if;
    return null;
end $$;

create trigger memberships_notify_credentials_added after insert on memberships
    referencing new table as added for each statement execute function notify_credentials_of_members();

create trigger memberships_notify_credentials_removed after delete on memberships
    referencing old table as removed for each statement execute function notify_credentials_of_members();
