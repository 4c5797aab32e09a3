-- Questionnaires, their immutable published versions, responses and answers.
create table questionnaires (
    id integer primary key,
    slug text not null unique,
    created_at text not null,
    updated_at text not null
);

create table questionnaire_versions (
    id integer primary key,
    questionnaire_id integer not null references questionnaires (id) on delete cascade,
    number integer not null,
    -- the definition as canonical JSON; never updated once written
    definition text not null,
    published_at text not null,
    unique (questionnaire_id, number)
);

create table responses (
    id text primary key,
    token text not null unique,
    version_id integer not null references questionnaire_versions (id),
    locale text not null,
    touchpoint text,
    consent integer not null,
    started_at text not null,
    updated_at text not null,
    completed_at text,
    outcome text
);

create index responses_version_idx on responses (version_id);

create table answers (
    response_id text not null references responses (id) on delete cascade,
    question_key text not null,
    value text not null,
    answered_at text not null,
    primary key (response_id, question_key)
);
