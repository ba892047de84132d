-- Accounts and credentials (README "Guarantees", "Accounts and credentials").

-- 1. Revival is not inheritance. A deprovisioned account keeps its userName, but the userName is unique among live
-- accounts only: a create naming a deprovisioned account's userName makes a new user unless its externalId is that
-- account's (ScimUsers.create). Several deprovisioned accounts may share a userName.
drop index users_user_name_uk;
create unique index users_user_name_uk on users (org_id, lower(user_name)) where deprovisioned_at is null;
-- finds a deprovisioned namesake at create; written only when an account is deprovisioned, so a create still costs
-- one index write for the userName
create index users_deprovisioned_user_name_idx on users (org_id, lower(user_name)) where deprovisioned_at is not null;

-- 2. Credentials die with the account state they were issued under. credentials_stamp counts the events that end a
-- user's sessions: deactivation, deprovisioning, revival, a password change. A session token carries the stamp it was
-- issued under and is refused once the row's stamp has moved on. A trigger, so that no path that changes these
-- columns (SCIM, the admin API, the bootstrap, an operator's SQL) can forget it.
alter table users add column credentials_stamp bigint not null default 0;

create function users_credentials_stamp() returns trigger language plpgsql as $$
begin
    if (old.active and not new.active)
            or new.password_hash is distinct from old.password_hash
            or new.deprovisioned_at is distinct from old.deprovisioned_at then
        new.credentials_stamp := old.credentials_stamp + 1;
    end if;
    return new;
end $$;

create trigger users_credentials_stamp before update of active, password_hash, deprovisioned_at on users
    for each row execute function users_credentials_stamp();

-- 3. SSO binds an account to the identity provider's immutable subject (Entra: oid, else sub) on its first successful
-- login, and matches by that binding from then on. Bound per organisation: (org, issuer, subject) names one account.
alter table users
    add column sso_issuer text,
    add column sso_subject text,
    add constraint users_sso_binding check ((sso_issuer is null) = (sso_subject is null));
create unique index users_sso_binding_uk on users (org_id, sso_issuer, sso_subject) where sso_subject is not null;

-- SSO settings are keyed by organisation only: there is no global issuer namespace to squat. The key is a pasted
-- JWKS document, a pasted PEM key, or neither (fetched from the issuer's OpenID configuration, jwks_uri).
drop index sso_providers_issuer_uk;
alter table sso_providers
    drop constraint sso_providers_check,
    add constraint sso_providers_key check (jwks is null or public_key_pem is null),
    -- the Entra tenant (tid) tokens must carry; derived from an Entra issuer when not given
    add column tenant_id text,
    -- the claim whose value is the SCIM userName, for an account's first SSO login
    add column user_claim text not null default 'preferred_username',
    -- whether an email claim without email_verified=true may also match an account's userName (opt-in)
    add column trust_unverified_email boolean not null default false;

-- 4. Tenant isolation in the schema: a membership joins a user and a role of its own organisation, a token belongs
-- to a user of its own organisation, whatever a query forgets.
alter table users add constraint users_org_id_uk unique (org_id, id);
alter table roles add constraint roles_org_id_uk unique (org_id, id);
alter table memberships
    drop constraint memberships_role_id_fkey,
    drop constraint memberships_user_id_fkey,
    add constraint memberships_role_fk foreign key (org_id, role_id) references roles (org_id, id) on delete cascade,
    add constraint memberships_user_fk foreign key (org_id, user_id) references users (org_id, id) on delete cascade;
alter table access_tokens
    drop constraint access_tokens_user_id_fkey,
    add constraint access_tokens_user_fk foreign key (org_id, user_id) references users (org_id, id)
        on delete cascade;

-- 5. Refused and throttled login attempts are counted, not recorded one row each: one counter per organisation,
-- method and hour. Nothing the caller typed is stored. Attempts naming no organisation are only metered.
create table login_refusals (
    org_id              uuid not null references organizations (id) on delete cascade,
    method              text not null check (method in ('password', 'sso')),
    window_start        timestamptz not null,
    refused             integer not null default 0,
    throttled           integer not null default 0,
    last_attempt        timestamptz not null,
    primary key (org_id, method, window_start)
);
create index login_refusals_window_idx on login_refusals (window_start);
