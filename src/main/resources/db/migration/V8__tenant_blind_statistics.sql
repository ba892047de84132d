-- Plans must not depend on how many rows one organisation had when the table was last analysed. An organisation
-- whose users arrived after the last ANALYZE (an Entra tenant's first provisioning cycle into a table that already
-- holds other tenants) is in no statistic, and PostgreSQL estimated one row for org_id = <it>: every index of users
-- leading with org_id then looked as cheap as the userName index, and Entra's userName probe went through
-- users_display_name_idx, reading all of the organisation's users each time (BENCHMARKS.md, round 2: the initial
-- cycle at a third of its speed). Without statistics on org_id the planner takes its default selectivity for an
-- equality, the same for every organisation and never a single row, and the index that matches the most conditions
-- wins. (The page's ORDER BY ... LIMIT is the other half: scim.query.SelectiveFilters.)
alter table users alter column org_id set statistics 0;
alter table roles alter column org_id set statistics 0;
analyze users;
analyze roles;
