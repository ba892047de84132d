-- Each replica caches the credentials it has verified (auth.CredentialCache). Every change that may end or narrow what
-- a cached credential allows is announced on the channel scim_credentials: a token revoked, deleted or re-dated; a
-- user deactivated, deprovisioned, revived, deleted, or given a new password (its credentials stamp moves); a user
-- joining or leaving ADMIN; the ADMIN role itself renamed or deleted. The payload is the user's id, or '*' for every
-- user. NOTIFY is transactional: listeners hear it when, and only if, the change commits. Triggers, as for the
-- credentials stamp (V5), so that no path (SCIM, the admin API, the console, an operator's SQL) can forget one.

create function notify_credentials_of_user() returns trigger language plpgsql as $$
begin
    perform pg_notify('scim_credentials', old.id::text);
    return null;
end $$;

-- no column list: credentials_stamp is set by a BEFORE trigger, which UPDATE OF would not see
create trigger users_notify_credentials after update on users for each row
    when (old.active is distinct from new.active
          or old.credentials_stamp is distinct from new.credentials_stamp
          or old.deprovisioned_at is distinct from new.deprovisioned_at
          or old.org_id is distinct from new.org_id)
    execute function notify_credentials_of_user();

create trigger users_notify_credentials_deleted after delete on users for each row
    execute function notify_credentials_of_user();

create function notify_credentials_of_token() returns trigger language plpgsql as $$
begin
    perform pg_notify('scim_credentials', old.user_id::text);
    return null;
end $$;

-- last_used_at is stamped while tokens are used: no notification for it
create trigger access_tokens_notify_credentials after update on access_tokens for each row
    when (old.revoked_at is distinct from new.revoked_at
          or old.expires_at is distinct from new.expires_at
          or old.token_hash is distinct from new.token_hash
          or old.user_id is distinct from new.user_id
          or old.org_id is distinct from new.org_id)
    execute function notify_credentials_of_token();

create trigger access_tokens_notify_credentials_deleted after delete on access_tokens for each row
    execute function notify_credentials_of_token();

create function notify_credentials_of_member() returns trigger language plpgsql as $$
declare
    m memberships;
begin
    m := case when tg_op = 'INSERT' then new else old end;
    if exists (select 1 from roles r where r.id = m.role_id and r.source = 'SYSTEM' and r.name = 'ADMIN') then
        perform pg_notify('scim_credentials', m.user_id::text);
    end if;
    return null;
end $$;

create trigger memberships_notify_credentials after insert or delete on memberships for each row
    execute function notify_credentials_of_member();

create function notify_credentials_of_everyone() returns trigger language plpgsql as $$
begin
    perform pg_notify('scim_credentials', '*');
    return null;
end $$;

create trigger roles_notify_credentials after update on roles for each row
    when (old.source = 'SYSTEM' and old.name = 'ADMIN'
          and (new.name is distinct from old.name or new.source is distinct from old.source
               or new.org_id is distinct from old.org_id))
    execute function notify_credentials_of_everyone();

create trigger roles_notify_credentials_deleted after delete on roles for each row
    when (old.source = 'SYSTEM' and old.name = 'ADMIN')
    execute function notify_credentials_of_everyone();

-- a membership moved to another role or user is a leave and a join
create trigger memberships_notify_credentials_moved after update of role_id, user_id on memberships for each row
    execute function notify_credentials_of_everyone();
