-- The register of the mechanism: who takes part, in which specialties, with which ladders,
-- and what their agreements recognise.
--
-- Conventions shared with the PostgreSQL migrations, so one query layer serves both:
--   * names and texts kept per language are JSON objects {"zh-Hans","zh-Hant","en","pt"?} in TEXT;
--   * dates are TEXT 'YYYY-MM-DD', timestamps TEXT RFC 3339 in UTC (both sort as text);
--   * flags are INTEGER 0/1;
--   * `retired_at` marks entries withdrawn from use but kept for history.

CREATE TABLE societies (
    id                    TEXT PRIMARY KEY,
    names                 TEXT NOT NULL,
    abbreviation          TEXT NOT NULL,
    jurisdiction          TEXT NOT NULL CHECK (jurisdiction IN ('GD', 'HK', 'MO', 'INTL')),
    role                  TEXT NOT NULL CHECK (role IN ('coordinator', 'signatory', 'consulting')),
    sample                INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
    website               TEXT,
    founded_on            TEXT,
    supervised_by         TEXT,
    working_group_contact TEXT,
    retired_at            TEXT
);

CREATE TABLE specialties (
    id         TEXT PRIMARY KEY,
    names      TEXT NOT NULL,
    batch      INTEGER NOT NULL CHECK (batch >= 1),
    status     TEXT NOT NULL CHECK (status IN ('pilot', 'active')),
    sample     INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
    retired_at TEXT
);

CREATE TABLE frameworks (
    id           TEXT PRIMARY KEY,
    names        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('title', 'membership', 'registration')),
    jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('GD', 'HK', 'MO', 'INTL')),
    owner        TEXT REFERENCES societies (id),
    sample       INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
    retired_at   TEXT
);

-- Rank orders levels within one framework only.
CREATE TABLE levels (
    framework_id TEXT NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    rank         INTEGER NOT NULL CHECK (rank >= 1),
    names        TEXT NOT NULL,
    PRIMARY KEY (framework_id, id),
    UNIQUE (framework_id, rank)
);

CREATE TABLE agreements (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('agreement', 'letter-of-intent')),
    status          TEXT NOT NULL CHECK (status IN ('draft', 'intent', 'in-force', 'suspended', 'expired')),
    specialty_id    TEXT NOT NULL REFERENCES specialties (id),
    titles          TEXT NOT NULL,
    signed_on       TEXT,
    effective_from  TEXT,
    effective_until TEXT,
    sample          INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
    notes           TEXT
);
CREATE INDEX agreements_specialty ON agreements (specialty_id);

CREATE TABLE agreement_parties (
    agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    society_id   TEXT NOT NULL REFERENCES societies (id),
    position     INTEGER NOT NULL,
    PRIMARY KEY (agreement_id, society_id)
);
CREATE INDEX agreement_parties_society ON agreement_parties (society_id);

CREATE TABLE agreement_versions (
    agreement_id   TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    number         INTEGER NOT NULL CHECK (number >= 1),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'in-force', 'superseded')),
    effective_from TEXT,
    notes          TEXT,
    PRIMARY KEY (agreement_id, number)
);

-- One direction of recognition. `requires` is a JSON array of requirement codes.
CREATE TABLE recognition_rules (
    agreement_id         TEXT NOT NULL,
    version_number       INTEGER NOT NULL,
    position             INTEGER NOT NULL,
    from_framework       TEXT NOT NULL,
    from_min_level       TEXT NOT NULL,
    to_society           TEXT NOT NULL REFERENCES societies (id),
    to_level             TEXT NOT NULL,
    min_experience_years INTEGER NOT NULL DEFAULT 0 CHECK (min_experience_years >= 0),
    education            TEXT NOT NULL CHECK (education IN ('accredited', 'any')),
    cpd_hours            INTEGER,
    cpd_within_years     INTEGER,
    requires             TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (agreement_id, version_number, position),
    FOREIGN KEY (agreement_id, version_number)
        REFERENCES agreement_versions (agreement_id, number) ON DELETE CASCADE,
    FOREIGN KEY (from_framework, from_min_level) REFERENCES levels (framework_id, id)
);

CREATE TABLE fellows (
    id           TEXT PRIMARY KEY,
    society_id   TEXT NOT NULL REFERENCES societies (id),
    names        TEXT NOT NULL,
    citation     TEXT NOT NULL,
    appointed_on TEXT NOT NULL,
    sample       INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))
);

CREATE TABLE activities (
    id      TEXT PRIMARY KEY,
    held_on TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('signing', 'meeting', 'consultation', 'seminar',
                                      'forum', 'visit', 'training', 'exchange')),
    titles  TEXT NOT NULL,
    notes   TEXT,
    sample  INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))
);
CREATE INDEX activities_held_on ON activities (held_on);

CREATE TABLE activity_societies (
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    society_id  TEXT NOT NULL REFERENCES societies (id),
    PRIMARY KEY (activity_id, society_id)
);
