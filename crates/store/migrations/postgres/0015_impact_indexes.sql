-- Impact analysis over the stored engineers (issue 8, item 5; `crates/store/src/
-- impact_population.rs`): chunk by chunk of engineers, in engineer order, five queries read
-- the live qualifications in a specialty, the experience in it, the recent CPD, the
-- accredited degrees and who is not in good standing. These indexes hold every column those
-- queries read, in that order, so each query is an index-only scan of one range instead of
-- visiting a table row per entry: at a million engineers, seconds instead of half a minute.
--
-- The chunks are cut by comparing engineer ids byte by byte, so the queries compare and sort
-- them with the "C" collation, and these indexes are built with it. Look-ups by engineer
-- compare with the database's own collation and keep using the indexes of 0003.

CREATE INDEX engineer_experience_impact
    ON engineer_experience (engineer_id COLLATE "C", specialty_id, started_on, ended_on);

CREATE INDEX engineer_cpd_impact ON engineer_cpd (engineer_id COLLATE "C", completed_on, hours);

CREATE INDEX engineer_education_impact
    ON engineer_education (engineer_id COLLATE "C", accreditation);

CREATE INDEX qualifications_specialty_engineer
    ON qualifications (specialty_id, engineer_id COLLATE "C", id COLLATE "C", status, society_id,
                       framework_id, level_id);

-- Few engineers are not in good standing: only they are indexed, and only they are read.
CREATE INDEX engineers_not_in_good_standing
    ON engineers (id COLLATE "C") WHERE standing <> 'good';
