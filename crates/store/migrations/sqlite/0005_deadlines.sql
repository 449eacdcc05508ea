-- Clocks (issue 5, item 3). Each agreement sets its deadlines in working days and what an
-- overdue decision triggers; each application carries the deadline of its current step.
-- Expand only: every column is nullable, and NULL means "the defaults" or "no clock".

-- The agreement's [deadlines] table as JSON; NULL for the defaults.
ALTER TABLE agreements ADD COLUMN deadlines TEXT;

-- The agreement's deadlines copied at submission, so that a later change to the agreement does
-- not move the clocks of applications already running.
ALTER TABLE applications ADD COLUMN deadlines TEXT;
-- The step being timed (attest, decide, answer, appeal) and its last day (YYYY-MM-DD, which
-- sorts as it reads on both engines); NULL when nothing is timed (draft and final states).
ALTER TABLE applications ADD COLUMN deadline_step TEXT
    CHECK (deadline_step IN ('attest', 'decide', 'answer', 'appeal'));
ALTER TABLE applications ADD COLUMN deadline_due_on TEXT;
-- While the applicant owes information, the working days the host society had left to decide.
ALTER TABLE applications ADD COLUMN deadline_paused_left INTEGER;
-- When an overdue decision was escalated to the host society's admins; cleared by the next
-- transition, which starts a new clock.
ALTER TABLE applications ADD COLUMN escalated_at TEXT;

CREATE INDEX applications_due ON applications (deadline_step, deadline_due_on);
