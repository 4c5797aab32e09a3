-- Resume tokens are kept only as SHA-256 hashes (hex), so a copy of the database cannot be
-- used to resume someone else's response.
--
-- SQLite cannot drop the `not null unique` plain `token` column in place, so `responses` is
-- rebuilt with `token` nullable and without its constraint. Rows from before this migration
-- keep their plain token until the backfill that runs at start-up, right after migrations, in
-- Rust (`backfill_token_hashes` in server/src/db/shared.rs) hashes it and clears it. The column
-- is never written again; a later migration can drop it (a plain column drops in place).
--
-- sqlx runs this file inside a transaction, where foreign keys cannot be switched off, and
-- dropping `responses` would then delete every answer through `on delete cascade`. So
-- `answers` is rebuilt too, pointing at the new table, and the old `answers` is dropped first:
-- when the old `responses` goes, nothing refers to it any more. Renaming the new tables
-- updates the references between them.
create table responses_new (
    id text primary key,
    token text,
    token_hash text,
    version_id integer not null references questionnaire_versions (id),
    locale text not null,
    touchpoint text,
    consent integer not null,
    started_at text not null,
    updated_at text not null,
    completed_at text,
    outcome text
);

insert into responses_new (
    id, token, version_id, locale, touchpoint, consent, started_at, updated_at, completed_at,
    outcome
)
select id, token, version_id, locale, touchpoint, consent, started_at, updated_at,
    completed_at, outcome
from responses;

create table answers_new (
    response_id text not null references responses_new (id) on delete cascade,
    question_key text not null,
    value text not null,
    answered_at text not null,
    primary key (response_id, question_key)
);

insert into answers_new (response_id, question_key, value, answered_at)
select response_id, question_key, value, answered_at from answers;

drop table answers;
drop table responses;
alter table responses_new rename to responses;
alter table answers_new rename to answers;

create index responses_version_idx on responses (version_id);
-- Not unique, as on PostgreSQL (see its 0002): the store refuses a hash already present.
create index responses_token_hash_idx on responses (token_hash);

-- Lets the start-up backfill find plain tokens left without reading the whole table.
create index responses_plain_token_idx on responses (id) where token is not null;
