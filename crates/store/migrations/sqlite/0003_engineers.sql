-- Engineer profiles: who they are, what they studied, where they worked, their CPD, standing
-- and the qualifications they hold. An identity number is never stored: only its kind, a
-- masked form for display, and a keyed digest for matching the same person across rosters.

CREATE TABLE engineers (
    id              TEXT PRIMARY KEY,
    user_id         TEXT UNIQUE REFERENCES users (id),
    name_zh_hans    TEXT NOT NULL DEFAULT '',
    name_zh_hant    TEXT NOT NULL DEFAULT '',
    name_en         TEXT NOT NULL DEFAULT '',
    name_pt         TEXT,
    id_kind         TEXT CHECK (id_kind IN ('mainland-id', 'hk-id', 'macao-id', 'passport')),
    id_masked       TEXT,
    id_digest       TEXT,
    standing        TEXT NOT NULL DEFAULT 'good' CHECK (standing IN ('good', 'under-discipline')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX engineers_id_digest ON engineers (id_digest);

CREATE TABLE engineer_education (
    id            TEXT PRIMARY KEY,
    engineer_id   TEXT NOT NULL REFERENCES engineers (id) ON DELETE CASCADE,
    degree        TEXT NOT NULL,
    institution   TEXT NOT NULL,
    year          INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    accreditation TEXT NOT NULL CHECK (accreditation IN ('washington-accord', 'sydney-accord', 'dublin-accord', 'listed-equivalent', 'none'))
);
CREATE INDEX engineer_education_engineer ON engineer_education (engineer_id);

CREATE TABLE engineer_experience (
    id           TEXT PRIMARY KEY,
    engineer_id  TEXT NOT NULL REFERENCES engineers (id) ON DELETE CASCADE,
    specialty_id TEXT NOT NULL REFERENCES specialties (id),
    started_on   TEXT NOT NULL,
    ended_on     TEXT,
    employer     TEXT NOT NULL
);
CREATE INDEX engineer_experience_engineer ON engineer_experience (engineer_id);

CREATE TABLE engineer_cpd (
    id           TEXT PRIMARY KEY,
    engineer_id  TEXT NOT NULL REFERENCES engineers (id) ON DELETE CASCADE,
    hours        INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 1000),
    completed_on TEXT NOT NULL,
    activity     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX engineer_cpd_engineer ON engineer_cpd (engineer_id);

-- A qualification held moves from claimed to attested (by the certifying society) or refused,
-- and may lapse.
CREATE TABLE qualifications (
    id                 TEXT PRIMARY KEY,
    engineer_id        TEXT NOT NULL REFERENCES engineers (id) ON DELETE CASCADE,
    framework_id       TEXT NOT NULL,
    level_id           TEXT NOT NULL,
    specialty_id       TEXT NOT NULL REFERENCES specialties (id),
    society_id         TEXT REFERENCES societies (id),
    awarded_on         TEXT,
    certificate_number TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'attested', 'refused', 'lapsed')),
    FOREIGN KEY (framework_id, level_id) REFERENCES levels (framework_id, id)
);
CREATE INDEX qualifications_engineer ON qualifications (engineer_id);
CREATE INDEX qualifications_society ON qualifications (society_id);
CREATE INDEX qualifications_specialty ON qualifications (specialty_id, framework_id);

-- Secrets the platform generates for itself (e.g. the key of identity-number digests).
CREATE TABLE platform_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
