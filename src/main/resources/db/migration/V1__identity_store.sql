-- The identity store: organisations (tenants), users, roles (SCIM groups are roles), memberships and
-- personal access tokens. Every row belongs to one organisation; uniqueness rules live here, not only in code.

create table organizations (
    id                  uuid primary key,
    name                text not null,
    created             timestamptz not null default now()
);
create unique index organizations_name_uk on organizations (lower(name));

create table users (
    id                  uuid primary key,
    org_id              uuid not null references organizations (id) on delete cascade,
    user_name           text not null,
    external_id         text,
    display_name        text,
    active              boolean not null default true,
    password_hash       text,
    -- the SCIM resource as the identity provider sent it, canonical attribute names, without id/meta/groups/password
    attributes          jsonb not null default '{}'::jsonb,
    version             bigint not null default 1,
    created             timestamptz not null,
    last_modified       timestamptz not null
);
create unique index users_user_name_uk on users (org_id, lower(user_name));
create index users_external_id_idx on users (org_id, external_id);
create index users_display_name_idx on users (org_id, lower(display_name));
create index users_org_created_idx on users (org_id, created, id);

create table roles (
    id                  uuid primary key,
    org_id              uuid not null references organizations (id) on delete cascade,
    name                text not null,
    -- SYSTEM (PUBLIC, ADMIN), LOCAL (made by an admin) or PROVISIONED (a SCIM group, locked against local edits)
    source              text not null check (source in ('SYSTEM', 'LOCAL', 'PROVISIONED')),
    external_id         text,
    attributes          jsonb not null default '{}'::jsonb,
    version             bigint not null default 1,
    created             timestamptz not null,
    last_modified       timestamptz not null
);
create unique index roles_name_uk on roles (org_id, lower(name));
create index roles_external_id_idx on roles (org_id, external_id);
create index roles_org_created_idx on roles (org_id, created, id);

create table memberships (
    role_id             uuid not null references roles (id) on delete cascade,
    user_id             uuid not null references users (id) on delete cascade,
    org_id              uuid not null references organizations (id) on delete cascade,
    created             timestamptz not null default now(),
    primary key (role_id, user_id)
);
create index memberships_user_idx on memberships (user_id, role_id);

create table access_tokens (
    id                  uuid primary key,
    org_id              uuid not null references organizations (id) on delete cascade,
    user_id             uuid not null references users (id) on delete cascade,
    label               text,
    -- SHA-256 of the secret; the secret itself is shown once and never stored
    token_hash          bytea not null,
    created             timestamptz not null,
    expires_at          timestamptz,
    revoked_at          timestamptz,
    last_used_at        timestamptz
);
create unique index access_tokens_hash_uk on access_tokens (token_hash);
create index access_tokens_user_idx on access_tokens (user_id);
