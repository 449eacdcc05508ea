-- Impact analysis over the stored engineers (issue 8, item 5; `crates/store/src/
-- impact_population.rs`): chunk by chunk of engineers, in engineer order, five queries read
-- the live qualifications in a specialty, the experience in it, the recent CPD, the
-- accredited degrees and who is not in good standing. These indexes hold every column those
-- queries read, in that order, so each query reads one index range instead of visiting a
-- table row per entry: at a million engineers, seconds instead of half a minute or more.
--
-- The per-engineer indexes of 0003 become covering ones: they still serve every look-up by
-- engineer, so writes to those tables maintain no more indexes than before.

DROP INDEX engineer_experience_engineer;
CREATE INDEX engineer_experience_engineer
    ON engineer_experience (engineer_id, specialty_id, started_on, ended_on);

DROP INDEX engineer_cpd_engineer;
CREATE INDEX engineer_cpd_engineer ON engineer_cpd (engineer_id, completed_on, hours);

DROP INDEX engineer_education_engineer;
CREATE INDEX engineer_education_engineer ON engineer_education (engineer_id, accreditation);

CREATE INDEX qualifications_specialty_engineer
    ON qualifications (specialty_id, engineer_id, id, status, society_id, framework_id, level_id);

-- Few engineers are not in good standing: only they are indexed, and only they are read.
CREATE INDEX engineers_not_in_good_standing ON engineers (id) WHERE standing <> 'good';
