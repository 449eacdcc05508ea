-- Alerts and fees (issue 5, items 7 and 8). Expand only: new tables and a nullable column.

-- A society admin's discipline or revocation alert about an engineer. It is shown to every
-- society that has the engineer as an applicant or as a holder of a qualification it
-- certified, so nobody is recognised elsewhere on a title struck off at home.
CREATE TABLE alerts (
    id          TEXT PRIMARY KEY,
    engineer_id TEXT NOT NULL REFERENCES engineers (id) ON DELETE CASCADE,
    society_id  TEXT NOT NULL REFERENCES societies (id),
    kind        TEXT NOT NULL CHECK (kind IN ('suspension', 'striking_off', 'falsified_documents')),
    statement   TEXT NOT NULL,
    raised_by   TEXT NOT NULL,
    raised_at   TEXT NOT NULL
);
CREATE INDEX alerts_engineer ON alerts (engineer_id, raised_at);

-- The agreement's fee schedule ([[fee]] in its file) as JSON; NULL when it charges nothing.
ALTER TABLE agreements ADD COLUMN fees TEXT;

-- Receipts: a payment recorded by staff of the society paid ("paid offline"), in whole units
-- of the currency. Payment adapters would write here too.
CREATE TABLE payments (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    society_id     TEXT NOT NULL REFERENCES societies (id),
    step           TEXT NOT NULL CHECK (step IN ('attestation', 'assessment', 'appeal')),
    amount         INTEGER NOT NULL CHECK (amount > 0),
    currency       TEXT NOT NULL CHECK (currency IN ('HKD', 'MOP', 'CNY')),
    reference      TEXT NOT NULL,
    recorded_by    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX payments_application ON payments (application_id, recorded_at);
