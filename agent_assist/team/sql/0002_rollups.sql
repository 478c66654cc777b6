-- Team store, step 2: daily rollups so the centre's and a lead's reports stay well under a second
-- at a million notes, and follow-ups that carry their note's date (no join for date filters).
--
-- Rollups are per day and team, plus team '*' = the whole centre. Inserting or amending notes only
-- appends the touched days to rollup_dirty (a statement trigger, no unique key: concurrent pushes
-- never wait on each other); refresh_rollups(), called by the reports before they read, rebuilds
-- the dirty days from the notes. An agent's own report and any --agent report read the notes.

ALTER TABLE followups ADD COLUMN started_at timestamp;
ALTER TABLE followups ADD COLUMN agent_name text NOT NULL DEFAULT '';
UPDATE followups f SET started_at = n.started_at, agent_name = n.agent_name
    FROM notes n WHERE n.uuid = f.note_uuid;
ALTER TABLE followups ALTER COLUMN started_at SET NOT NULL;
CREATE INDEX followups_started ON followups (started_at);
-- reports about one agent filter by number or name: an index each, so the OR uses both
CREATE INDEX notes_agent_name ON notes (agent_name, started_at);

CREATE OR REPLACE FUNCTION notes_facts() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = agent_assist, pg_temp AS $$
DECLARE k integer := greatest(coalesce(array_length(NEW.reason_codes, 1), 0), 1);
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM note_codes WHERE note_uuid = NEW.uuid;
    END IF;
    INSERT INTO note_codes
    SELECT NEW.uuid, c, NEW.started_at, NEW.agent_no, NEW.team, NEW.repeat_call,
           NEW.handling_minutes, NEW.handling_minutes / k, NEW.customer_value, NEW.company_value
    FROM (SELECT DISTINCT unnest(NEW.reason_codes) AS c) codes;
    IF NEW.deadline IS NOT NULL THEN
        INSERT INTO followups (note_uuid, agent_no, team, assigned_to, due_at, created_at,
                               started_at, agent_name)
        VALUES (NEW.uuid, NEW.agent_no, NEW.team, NEW.agent_no, NEW.deadline, NEW.submitted_at,
                NEW.started_at, NEW.agent_name)
        ON CONFLICT (note_uuid) DO UPDATE SET due_at = CASE WHEN followups.closed_at IS NULL
            THEN EXCLUDED.due_at ELSE followups.due_at END,
            started_at = EXCLUDED.started_at, agent_name = EXCLUDED.agent_name;
    ELSIF TG_OP = 'UPDATE' THEN
        DELETE FROM followups WHERE note_uuid = NEW.uuid AND closed_at IS NULL;
    END IF;
    RETURN NULL;
END $$;

CREATE TABLE rollup_dirty (day date NOT NULL);

CREATE FUNCTION notes_dirty_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = agent_assist, pg_temp AS $$
BEGIN
    INSERT INTO rollup_dirty SELECT DISTINCT started_at::date FROM new_rows;
    RETURN NULL;
END $$;
CREATE FUNCTION notes_dirty_update() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = agent_assist, pg_temp AS $$
BEGIN
    INSERT INTO rollup_dirty
        SELECT started_at::date FROM new_rows UNION SELECT started_at::date FROM old_rows;
    RETURN NULL;
END $$;
CREATE TRIGGER notes_dirty_insert AFTER INSERT ON notes REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notes_dirty_insert();
CREATE TRIGGER notes_dirty_update AFTER UPDATE ON notes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notes_dirty_update();

CREATE TABLE rollup_day (
    day date NOT NULL, team text NOT NULL,
    calls bigint NOT NULL, repeats bigint NOT NULL, prev_sum bigint NOT NULL,
    resolved bigint NOT NULL, first bigint NOT NULL, first_resolved bigint NOT NULL,
    minutes double precision NOT NULL
);
CREATE INDEX rollup_day_key ON rollup_day (team, day);
CREATE INDEX rollup_day_day ON rollup_day (day);  -- refresh deletes whole days
-- dim: 'emotion' (a = start, b = end), 'dept' (a = department), 'esc' (a = escalated to)
CREATE TABLE rollup_dim (
    day date NOT NULL, team text NOT NULL, dim text NOT NULL, a text NOT NULL, b text NOT NULL,
    calls bigint NOT NULL
);
CREATE INDEX rollup_dim_key ON rollup_dim (team, day);
CREATE INDEX rollup_dim_day ON rollup_dim (day);  -- refresh deletes whole days
CREATE TABLE rollup_code (
    day date NOT NULL, team text NOT NULL, code integer NOT NULL,
    mentions bigint NOT NULL, repeats bigint NOT NULL,
    minutes double precision NOT NULL, share double precision NOT NULL
);
CREATE INDEX rollup_code_key ON rollup_code (team, day);
CREATE INDEX rollup_code_day ON rollup_code (day);  -- refresh deletes whole days
CREATE TABLE rollup_value (
    day date NOT NULL, team text NOT NULL, code integer NOT NULL,
    customer_value text NOT NULL, company_value text NOT NULL, n bigint NOT NULL
);
CREATE INDEX rollup_value_key ON rollup_value (team, day);
CREATE INDEX rollup_value_day ON rollup_value (day);  -- refresh deletes whole days

CREATE FUNCTION refresh_rollups() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = agent_assist, pg_temp AS $$
DECLARE days date[];
        d date;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('agent_assist.refresh_rollups'));
    WITH d AS (DELETE FROM rollup_dirty RETURNING day)
    SELECT array_agg(DISTINCT day) INTO days FROM d;
    IF days IS NULL THEN
        RETURN 0;
    END IF;
    DELETE FROM rollup_day WHERE day = ANY (days);
    DELETE FROM rollup_dim WHERE day = ANY (days);
    DELETE FROM rollup_code WHERE day = ANY (days);
    DELETE FROM rollup_value WHERE day = ANY (days);
    -- the dirty days' rows, read day by day through the started_at indexes
    CREATE TEMP TABLE _n (LIKE notes) ON COMMIT DROP;
    CREATE TEMP TABLE _c (LIKE note_codes) ON COMMIT DROP;
    FOREACH d IN ARRAY days LOOP
        INSERT INTO _n SELECT * FROM notes WHERE started_at >= d AND started_at < d + 1;
        INSERT INTO _c SELECT * FROM note_codes WHERE started_at >= d AND started_at < d + 1;
    END LOOP;
    INSERT INTO rollup_day
        SELECT started_at::date, CASE WHEN GROUPING(team) = 1 THEN '*' ELSE team END,
               count(*), count(*) FILTER (WHERE repeat_call),
               coalesce(sum(previous_calls) FILTER (WHERE repeat_call), 0),
               count(*) FILTER (WHERE resolved), count(*) FILTER (WHERE NOT repeat_call),
               count(*) FILTER (WHERE NOT repeat_call AND resolved), sum(handling_minutes)
        FROM _n GROUP BY GROUPING SETS ((started_at::date, team), (started_at::date));
    INSERT INTO rollup_dim
        SELECT started_at::date, CASE WHEN GROUPING(team) = 1 THEN '*' ELSE team END,
               'emotion', emotion_start, emotion_end, count(*)
        FROM _n GROUP BY GROUPING SETS ((started_at::date, team, emotion_start, emotion_end),
                                        (started_at::date, emotion_start, emotion_end));
    INSERT INTO rollup_dim
        SELECT started_at::date, CASE WHEN GROUPING(team) = 1 THEN '*' ELSE team END,
               'dept', other_department, '', count(*)
        FROM _n WHERE other_department <> ''
        GROUP BY GROUPING SETS ((started_at::date, team, other_department),
                                (started_at::date, other_department));
    INSERT INTO rollup_dim
        SELECT started_at::date, CASE WHEN GROUPING(team) = 1 THEN '*' ELSE team END,
               'esc', escalated_to, '', count(*)
        FROM _n WHERE escalated
        GROUP BY GROUPING SETS ((started_at::date, team, escalated_to),
                                (started_at::date, escalated_to));
    INSERT INTO rollup_code
        SELECT started_at::date, CASE WHEN GROUPING(team) = 1 THEN '*' ELSE team END, code,
               count(*), count(*) FILTER (WHERE repeat_call), sum(handling_minutes), sum(share_minutes)
        FROM _c GROUP BY GROUPING SETS ((started_at::date, team, code), (started_at::date, code));
    INSERT INTO rollup_value
        SELECT started_at::date, CASE WHEN GROUPING(team) = 1 THEN '*' ELSE team END, code,
               customer_value, company_value, count(*)
        FROM _c WHERE customer_value <> '' AND company_value <> ''
        GROUP BY GROUPING SETS ((started_at::date, team, code, customer_value, company_value),
                                (started_at::date, code, customer_value, company_value));
    RETURN cardinality(days);
END $$;
REVOKE EXECUTE ON FUNCTION refresh_rollups() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refresh_rollups() TO aa_lead, aa_kb_owner, aa_agent;

-- Leads read their team's rollups; the owner (bypassing RLS) reads team '*'. Agents read none.
ALTER TABLE rollup_day ENABLE ROW LEVEL SECURITY;
ALTER TABLE rollup_dim ENABLE ROW LEVEL SECURITY;
ALTER TABLE rollup_code ENABLE ROW LEVEL SECURITY;
ALTER TABLE rollup_value ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON rollup_day, rollup_dim, rollup_code, rollup_value TO aa_lead;
CREATE POLICY rollup_day_lead ON rollup_day FOR SELECT USING (team = (SELECT team_of(current_user)));
CREATE POLICY rollup_dim_lead ON rollup_dim FOR SELECT USING (team = (SELECT team_of(current_user)));
CREATE POLICY rollup_code_lead ON rollup_code FOR SELECT USING (team = (SELECT team_of(current_user)));
CREATE POLICY rollup_value_lead ON rollup_value FOR SELECT USING (team = (SELECT team_of(current_user)));

-- whatever is already there gets its rollups on the first refresh
INSERT INTO rollup_dirty SELECT DISTINCT started_at::date FROM notes;
