-- The audit trail: one row per SCIM write, login, token and admin action, inserted in the transaction of the change
-- it describes (so a rolled-back change leaves no success row). Failed requests may be recorded too, in a
-- transaction of their own, with outcome 'failure' or 'throttled'. Rows older than scim.audit.retention are deleted
-- in batches by a scheduled job. No foreign keys: the trail outlives the users, tokens and roles it names, and an
-- insert must stay one cheap statement.
create table audit_events (
    id                  bigint generated always as identity primary key,
    created             timestamptz not null default now(),
    -- null only for a failed login naming an organisation that does not exist
    org_id              uuid,
    -- PERSONAL_ACCESS_TOKEN, SESSION, OPERATOR, SYSTEM or ANONYMOUS (a login attempt)
    actor_kind          text not null,
    actor_user_id       uuid,
    -- the id of the personal access token used, never its secret
    actor_token_id      uuid,
    -- User, Group, Role, Membership, Token, Password, Session, SsoProvider, Organization
    resource_type       text not null,
    resource_id         text,
    -- create, replace, patch, delete, login, issue, revoke, set, add, remove
    operation           text not null,
    outcome             text not null check (outcome in ('success', 'failure', 'throttled')),
    -- HTTP status of a failure (null for successes)
    status              integer,
    request_id          text,
    -- compact: changed attribute names, member counts, an error's scimType and detail; never a password or token
    summary             jsonb not null default '{}'::jsonb
);
create index audit_events_org_idx on audit_events (org_id, id);
create index audit_events_resource_idx on audit_events (org_id, resource_id);
create index audit_events_created_idx on audit_events (created);
