-- Reports at scale (issue 8, item 4): the dashboards' figures, counted ahead of time and kept
-- in step with every application write, inside the transaction that makes the change (see
-- `crates/store/src/reports.rs`). A dashboard then sums a few thousand rows at most instead
-- of reading 100,000 applications and their histories.
--
-- Every table is keyed by the application's specialty, home society ('' when its
-- qualification names none), host society and agreement ('' until submission freezes one).
-- No foreign keys: an aggregate never stops the register from changing, and a rebuild
-- recomputes it from the applications and their history at any time.

-- Where applications stand now: one row per key and state.
CREATE TABLE report_states (
    specialty_id    TEXT NOT NULL,
    home_society_id TEXT NOT NULL,
    host_society_id TEXT NOT NULL,
    agreement_id    TEXT NOT NULL,
    state           TEXT NOT NULL,
    n               INTEGER NOT NULL,
    PRIMARY KEY (specialty_id, home_society_id, host_society_id, agreement_id, state)
) WITHOUT ROWID;
CREATE INDEX report_states_home ON report_states (home_society_id);
CREATE INDEX report_states_host ON report_states (host_society_id);
CREATE INDEX report_states_agreement ON report_states (agreement_id);

-- What happened in each month (YYYY-MM, Bay Area time, UTC+8): submissions and the host
-- societies' decisions (approve, approve_with_conditions, reject), counted by action.
CREATE TABLE report_flows (
    specialty_id    TEXT NOT NULL,
    home_society_id TEXT NOT NULL,
    host_society_id TEXT NOT NULL,
    agreement_id    TEXT NOT NULL,
    month           TEXT NOT NULL,
    action          TEXT NOT NULL,
    n               INTEGER NOT NULL,
    PRIMARY KEY (specialty_id, home_society_id, host_society_id, agreement_id, month, action)
) WITHOUT ROWID;
CREATE INDEX report_flows_home ON report_flows (home_society_id);
CREATE INDEX report_flows_host ON report_flows (host_society_id);
CREATE INDEX report_flows_agreement ON report_flows (agreement_id);
CREATE INDEX report_flows_month ON report_flows (month);

-- How long each step took, as a histogram in whole days: `step` is the state an application
-- left (other than by withdrawal), or `decision` for submission to first decision. Medians
-- and 90th percentiles are read exactly from it.
CREATE TABLE report_durations (
    specialty_id    TEXT NOT NULL,
    home_society_id TEXT NOT NULL,
    host_society_id TEXT NOT NULL,
    agreement_id    TEXT NOT NULL,
    step            TEXT NOT NULL,
    days            INTEGER NOT NULL,
    n               INTEGER NOT NULL,
    PRIMARY KEY (specialty_id, home_society_id, host_society_id, agreement_id, step, days)
) WITHOUT ROWID;
CREATE INDEX report_durations_home ON report_durations (home_society_id);
CREATE INDEX report_durations_host ON report_durations (host_society_id);
CREATE INDEX report_durations_agreement ON report_durations (agreement_id);

-- A society's overdue items, on the side that must act: the home society attests, the host
-- society decides and follows up requests for information.
CREATE INDEX applications_home_due ON applications (home_society_id, deadline_step, deadline_due_on);
CREATE INDEX applications_host_due ON applications (host_society_id, deadline_step, deadline_due_on);

-- rebuild: everything below recomputes the aggregates from the applications and their
-- history into empty tables. `Store::rebuild_reports` runs this same text after emptying
-- them, so the backfill and the rebuild cannot drift apart.

INSERT INTO report_states (specialty_id, home_society_id, host_society_id, agreement_id, state, n)
SELECT specialty_id, COALESCE(home_society_id, ''), host_society_id, COALESCE(agreement_id, ''),
       state, COUNT(*)
FROM applications
GROUP BY specialty_id, COALESCE(home_society_id, ''), host_society_id, COALESCE(agreement_id, ''),
         state;

INSERT INTO report_flows (specialty_id, home_society_id, host_society_id, agreement_id, month, action, n)
SELECT a.specialty_id, COALESCE(a.home_society_id, ''), a.host_society_id,
       COALESCE(a.agreement_id, ''), strftime('%Y-%m', e.at, '+8 hours'), e.action, COUNT(*)
FROM application_events e
JOIN applications a ON a.id = e.application_id
WHERE e.action IN ('submit', 'approve', 'approve_with_conditions', 'reject')
GROUP BY a.specialty_id, COALESCE(a.home_society_id, ''), a.host_society_id,
         COALESCE(a.agreement_id, ''), strftime('%Y-%m', e.at, '+8 hours'), e.action;

INSERT INTO report_durations (specialty_id, home_society_id, host_society_id, agreement_id, step, days, n)
WITH moves AS (
    -- Each transition with the moment the application entered the state it leaves: the
    -- transition before it (escalations are notes in the history, not transitions).
    SELECT application_id, at, action, from_state,
           LAG(at) OVER (PARTITION BY application_id ORDER BY seq) AS since
    FROM application_events
    WHERE action <> 'escalate'
), decisions AS (
    SELECT application_id, at, ROW_NUMBER() OVER (PARTITION BY application_id ORDER BY seq) AS k
    FROM application_events
    WHERE action IN ('approve', 'approve_with_conditions', 'reject')
), submissions AS (
    SELECT application_id, MIN(at) AS at
    FROM application_events
    WHERE action = 'submit'
    GROUP BY application_id
), spans AS (
    SELECT application_id, from_state AS step, since, at
    FROM moves
    WHERE since IS NOT NULL AND action <> 'withdraw'
      AND from_state IN ('submitted', 'attested', 'under_review', 'info_requested',
                         'conditionally_approved', 'appealed')
    UNION ALL
    SELECT d.application_id, 'decision', s.at, d.at
    FROM decisions d
    JOIN submissions s ON s.application_id = d.application_id
    WHERE d.k = 1
), measured AS (
    SELECT p.application_id, p.step,
           MAX(0, (CAST(strftime('%s', p.at) AS INTEGER)
                   - CAST(strftime('%s', p.since) AS INTEGER)) / 86400) AS days
    FROM spans p
)
SELECT a.specialty_id, COALESCE(a.home_society_id, ''), a.host_society_id,
       COALESCE(a.agreement_id, ''), m.step, m.days, COUNT(*)
FROM measured m
JOIN applications a ON a.id = m.application_id
GROUP BY a.specialty_id, COALESCE(a.home_society_id, ''), a.host_society_id,
         COALESCE(a.agreement_id, ''), m.step, m.days;
