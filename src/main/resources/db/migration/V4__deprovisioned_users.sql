-- SCIM DELETE /Users/{id} deprovisions an account instead of deleting it: the row stays, with its userName, its
-- PUBLIC, ADMIN and local role memberships, deactivated and invisible to SCIM (404, absent from every list). A later
-- POST /Users with the same userName revives it with the same id. Deleting a user completely stays a local admin
-- action (DELETE /api/v1/users/{id}). Null = provisioned.
alter table users
    add column deprovisioned_at timestamptz,
    -- login checks only `active`, so the store guarantees that a deprovisioned account is never active
    add constraint users_deprovisioned_inactive check (deprovisioned_at is null or not active);

-- No index on deprovisioned_at. Every SCIM read reaches users through an index that leads with the organisation or
-- the id (org_id + lower(user_name), external_id, display_name, created; the primary key) and reads the row anyway to
-- answer, so the predicate deprovisioned_at is null costs nothing there, and deprovisioned accounts are few. A partial
-- index would be one more index write for every create, the service's hottest write. What it would have saved: a
-- count over a whole organisation (a full page of an unfiltered list) now reads rows instead of only an index.
