-- Applications for recognition: one engineer's qualification, from its home society to a
-- host society, under the agreement version in force when it was submitted.

CREATE TABLE applications (
    id                TEXT PRIMARY KEY,
    engineer_id       TEXT NOT NULL REFERENCES engineers (id),
    qualification_id  TEXT NOT NULL REFERENCES qualifications (id),
    specialty_id      TEXT NOT NULL REFERENCES specialties (id),
    home_society_id   TEXT REFERENCES societies (id),
    host_society_id   TEXT NOT NULL REFERENCES societies (id),
    -- Frozen at submission: the version that decides, and what the engine said under it.
    agreement_id      TEXT REFERENCES agreements (id),
    agreement_version INTEGER,
    evaluation        TEXT,
    state             TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'attested', 'attestation_refused',
                          'under_review', 'info_requested', 'conditionally_approved', 'approved',
                          'rejected', 'appealed', 'withdrawn')),
    -- Compensation measures still to fulfil, as a JSON array of requirement codes.
    outstanding       TEXT NOT NULL DEFAULT '[]',
    rejected_by       TEXT,
    -- Bumped by every transition, so that two people deciding at once cannot both win.
    revision          INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX applications_engineer ON applications (engineer_id);
CREATE INDEX applications_host ON applications (host_society_id, state);
CREATE INDEX applications_home ON applications (home_society_id, state);
-- One live application per engineer, host society and specialty.
CREATE UNIQUE INDEX applications_live ON applications (engineer_id, host_society_id, specialty_id)
    WHERE state NOT IN ('approved', 'rejected', 'withdrawn', 'attestation_refused');

-- The full history of each application, in order.
CREATE TABLE application_events (
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    from_state     TEXT,
    to_state       TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    reason_codes   TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (application_id, seq)
);
