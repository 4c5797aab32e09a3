-- Resume tokens are kept only as SHA-256 hashes (hex), so a copy of the database cannot be
-- used to resume someone else's response.
alter table responses add column token_hash text;

-- Nullable because rows from before this migration get their hash from the backfill that runs
-- at start-up, right after migrations, in Rust (`backfill_token_hashes` in
-- server/src/db/shared.rs); every new row has one. That backfill also clears `token`, which is
-- no longer written and stays only until a later migration drops it.
alter table responses alter column token drop not null;
alter table responses drop constraint responses_token_key;

-- Not unique: on a distributed PostgreSQL (Citus) every unique constraint must include the
-- distribution key (`responses` by `id`), and a token is 192 random bits, so two equal ones are
-- negligible. The store also refuses to insert a hash that is already present.
create index responses_token_hash_idx on responses (token_hash);

-- Lets the start-up backfill find plain tokens left without reading the whole table.
create index responses_plain_token_idx on responses (id) where token is not null;

-- For the record, the schema now fits a distributed PostgreSQL (Citus): `responses` is
-- distributed by `id` and `answers` by `response_id` (co-located), and each of their unique
-- constraints includes that key; `questionnaires` and `questionnaire_versions` are small and
-- read by every response, so they suit reference tables, where any unique constraint is fine.
