-- Login: failed-attempt counters shared by every replica, and each organisation's SSO identity provider.

-- One row per throttled key: 'user:<org id>:<lower-cased userName>' or 'ip:<client address>'. A window opens at
-- the first failure and lasts scim.login.failure-window; attempts are counted while it is open.
create table login_failures (
    key                 text primary key,
    window_start        timestamptz not null,
    count               integer not null
);
create index login_failures_window_idx on login_failures (window_start);

-- The identity provider whose ID tokens POST /api/v1/login/sso accepts for an organisation. The key is either a
-- JWKS document or a PEM public key; an issuer belongs to one organisation only.
create table sso_providers (
    org_id              uuid primary key references organizations (id) on delete cascade,
    issuer              text not null,
    audience            text not null,
    jwks                text,
    public_key_pem      text,
    updated             timestamptz not null,
    check ((jwks is null) <> (public_key_pem is null))
);
create unique index sso_providers_issuer_uk on sso_providers (issuer);
