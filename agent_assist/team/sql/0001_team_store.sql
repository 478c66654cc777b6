-- Team store, step 1: agents, notes (+ per-code facts), amendments, follow-ups, events, team
-- content, and the roles and row-level security that decide who reads and writes what.
-- Applied by agent_assist.team.migrate inside one transaction, search_path = agent_assist.
-- Never edit a step that shipped; add a new file.

-- Group roles (cluster-wide, created once). Logins made by `team add-user` join one of them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aa_agent') THEN
        CREATE ROLE aa_agent NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aa_lead') THEN
        CREATE ROLE aa_lead NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aa_kb_owner') THEN
        CREATE ROLE aa_kb_owner NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA agent_assist TO aa_agent, aa_lead, aa_kb_owner;
GRANT SELECT ON schema_migrations TO aa_agent, aa_lead, aa_kb_owner;  -- clients check the version

-- Who is who: login (PostgreSQL role) -> agent number, team, role.
CREATE TABLE agents (
    login name PRIMARY KEY,
    agent_no text NOT NULL UNIQUE CHECK (agent_no <> ''),
    team text NOT NULL DEFAULT '',
    role text NOT NULL CHECK (role IN ('agent', 'lead', 'kb-owner')),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The caller's identity, read with the owner's rights (agents cannot read the whole table).
-- Policies call them as (SELECT f(current_user)) so they run once per query, not once per row.
CREATE FUNCTION agent_no_of(who name) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = agent_assist, pg_temp
    AS $$ SELECT agent_no FROM agents WHERE login = who $$;
CREATE FUNCTION team_of(who name) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = agent_assist, pg_temp
    AS $$ SELECT team FROM agents WHERE login = who $$;
CREATE FUNCTION role_of(who name) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = agent_assist, pg_temp
    AS $$ SELECT role FROM agents WHERE login = who $$;
CREATE FUNCTION team_of_agent(no text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = agent_assist, pg_temp
    AS $$ SELECT coalesce((SELECT team FROM agents WHERE agent_no = no), '') $$;
GRANT EXECUTE ON FUNCTION agent_no_of(name), team_of(name), role_of(name), team_of_agent(text)
    TO aa_agent, aa_lead, aa_kb_owner;

ALTER TABLE agents ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON agents TO aa_agent, aa_lead, aa_kb_owner;
CREATE POLICY agents_read ON agents FOR SELECT USING (
    login = current_user
    OR ((SELECT role_of(current_user)) = 'lead' AND team = (SELECT team_of(current_user)))
);

-- Submitted notes, one row per note, keyed by the UUID the agent's PC gave it (so a batch sent
-- twice lands once). Times are the agent's wall clock, as in the local store.
CREATE TABLE notes (
    uuid uuid PRIMARY KEY,
    agent_no text NOT NULL,
    team text NOT NULL DEFAULT '',
    started_at timestamp NOT NULL,
    ended_at timestamp NOT NULL,
    submitted_at timestamp NOT NULL,
    agent_name text NOT NULL DEFAULT '',
    customer_name text NOT NULL DEFAULT '',
    customer_phone text NOT NULL DEFAULT '',
    customer_phone_masked text GENERATED ALWAYS AS (
        CASE WHEN length(customer_phone) >= 7
             THEN left(customer_phone, 3) || '****' || right(customer_phone, 4)
             ELSE '' END
    ) STORED,
    reason_text text NOT NULL CHECK (reason_text <> ''),
    reason_codes integer[] NOT NULL DEFAULT '{}',
    related_processes jsonb NOT NULL DEFAULT '[]',
    complaint_type text NOT NULL DEFAULT '',
    emotion_start text NOT NULL,
    emotion_end text NOT NULL,
    repeat_call boolean NOT NULL DEFAULT false,
    previous_calls integer NOT NULL DEFAULT 0 CHECK (previous_calls >= 0),
    other_department text NOT NULL DEFAULT '',
    stage text NOT NULL,
    solution text NOT NULL DEFAULT '',
    solution_accepted boolean,
    resolved boolean NOT NULL DEFAULT false,
    escalated boolean NOT NULL DEFAULT false,
    escalated_to text NOT NULL DEFAULT '',
    deadline timestamp,
    customer_value text NOT NULL DEFAULT '',
    company_value text NOT NULL DEFAULT '',
    handling_minutes double precision NOT NULL CHECK (handling_minutes >= 0),
    notes text NOT NULL DEFAULT '',
    script_runs jsonb NOT NULL DEFAULT '[]',
    amendments integer NOT NULL DEFAULT 0,
    amend_seq bigint NOT NULL DEFAULT 0,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_started ON notes (started_at);
CREATE INDEX notes_agent ON notes (agent_no, started_at);
CREATE INDEX notes_team ON notes (team, started_at);

-- The facts each per-reason report needs, one row per (note, code), kept by triggers.
CREATE TABLE note_codes (
    note_uuid uuid NOT NULL REFERENCES notes (uuid) ON DELETE CASCADE,
    code integer NOT NULL,
    started_at timestamp NOT NULL,
    agent_no text NOT NULL,
    team text NOT NULL,
    repeat_call boolean NOT NULL,
    handling_minutes double precision NOT NULL,
    share_minutes double precision NOT NULL,
    customer_value text NOT NULL,
    company_value text NOT NULL,
    PRIMARY KEY (note_uuid, code)
);
CREATE INDEX note_codes_started ON note_codes (started_at);

-- Agent number and team come from the login, never from the client (these fill triggers run
-- with the caller's rights, so current_user is the login): an empty agent number is
-- filled in, a foreign one is refused by the policy below (checked after this trigger).
CREATE FUNCTION notes_fill() RETURNS trigger
    LANGUAGE plpgsql SET search_path = agent_assist, pg_temp AS $$
BEGIN
    IF NEW.agent_no IS NULL OR NEW.agent_no = '' THEN
        NEW.agent_no := coalesce(agent_no_of(current_user), '');
    END IF;
    NEW.team := team_of_agent(NEW.agent_no);
    NEW.received_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER notes_fill BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION notes_fill();

CREATE FUNCTION notes_facts() RETURNS trigger
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
    -- a promised deadline is a follow-up; an amended deadline moves the open one
    IF NEW.deadline IS NOT NULL THEN
        INSERT INTO followups (note_uuid, agent_no, team, assigned_to, due_at, created_at)
        VALUES (NEW.uuid, NEW.agent_no, NEW.team, NEW.agent_no, NEW.deadline, NEW.submitted_at)
        ON CONFLICT (note_uuid) DO UPDATE SET due_at = EXCLUDED.due_at
            WHERE followups.closed_at IS NULL;
    ELSIF TG_OP = 'UPDATE' THEN
        DELETE FROM followups WHERE note_uuid = NEW.uuid AND closed_at IS NULL;
    END IF;
    RETURN NULL;
END $$;

-- Corrections: an agent never updates a note; it inserts an amendment, and this trigger (with
-- the owner's rights) applies the corrected note. ``seq`` orders a PC's amendments of one note.
CREATE TABLE note_amendments (
    uuid uuid PRIMARY KEY,
    note_uuid uuid NOT NULL REFERENCES notes (uuid),
    agent_no text NOT NULL,
    seq bigint NOT NULL,
    amended_at timestamp NOT NULL,
    amended_by text NOT NULL CHECK (amended_by <> ''),
    changes jsonb NOT NULL,
    reason text NOT NULL DEFAULT '',
    note_after jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX note_amendments_note ON note_amendments (note_uuid);

CREATE TABLE followups (
    note_uuid uuid PRIMARY KEY REFERENCES notes (uuid) ON DELETE CASCADE,
    agent_no text NOT NULL,
    team text NOT NULL,
    assigned_to text NOT NULL,
    due_at timestamp NOT NULL,
    created_at timestamp NOT NULL,
    closed_at timestamp,
    closed_by text NOT NULL DEFAULT '',
    outcome text NOT NULL DEFAULT '',
    satisfaction integer CHECK (satisfaction BETWEEN 1 AND 5),
    assigned_by text NOT NULL DEFAULT '',
    assigned_at timestamptz
);
CREATE INDEX followups_assigned ON followups (assigned_to, closed_at, due_at);
CREATE INDEX followups_team ON followups (team, closed_at, due_at);

CREATE TRIGGER notes_facts AFTER INSERT OR UPDATE ON notes
    FOR EACH ROW EXECUTE FUNCTION notes_facts();

CREATE FUNCTION amendments_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = agent_assist, pg_temp AS $$
DECLARE a notes%ROWTYPE;
BEGIN
    a := jsonb_populate_record(NULL::notes, NEW.note_after);
    UPDATE notes SET
        started_at = a.started_at, ended_at = a.ended_at, agent_name = a.agent_name,
        customer_name = a.customer_name, customer_phone = a.customer_phone,
        reason_text = a.reason_text, reason_codes = a.reason_codes,
        related_processes = a.related_processes, complaint_type = a.complaint_type,
        emotion_start = a.emotion_start, emotion_end = a.emotion_end,
        repeat_call = a.repeat_call, previous_calls = a.previous_calls,
        other_department = a.other_department, stage = a.stage, solution = a.solution,
        solution_accepted = a.solution_accepted, resolved = a.resolved,
        escalated = a.escalated, escalated_to = a.escalated_to, deadline = a.deadline,
        customer_value = a.customer_value, company_value = a.company_value,
        handling_minutes = a.handling_minutes, notes = a.notes, script_runs = a.script_runs,
        amend_seq = NEW.seq
    WHERE uuid = NEW.note_uuid AND amend_seq < NEW.seq;
    UPDATE notes SET amendments = amendments + 1 WHERE uuid = NEW.note_uuid;
    RETURN NULL;
END $$;
CREATE TRIGGER amendments_apply AFTER INSERT ON note_amendments
    FOR EACH ROW EXECUTE FUNCTION amendments_apply();

-- A follow-up call-back's outcome, as an event (the follow-up row itself is the owner's).
CREATE TABLE followup_outcomes (
    uuid uuid PRIMARY KEY,
    note_uuid uuid NOT NULL REFERENCES followups (note_uuid),
    agent_no text NOT NULL,
    closed_at timestamp NOT NULL,
    closed_by text NOT NULL CHECK (closed_by <> ''),
    outcome text NOT NULL CHECK (outcome <> ''),
    satisfaction integer CHECK (satisfaction BETWEEN 1 AND 5),
    received_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION outcomes_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = agent_assist, pg_temp AS $$
BEGIN
    UPDATE followups SET closed_at = NEW.closed_at, closed_by = NEW.closed_by,
        outcome = NEW.outcome, satisfaction = NEW.satisfaction
    WHERE note_uuid = NEW.note_uuid AND closed_at IS NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER outcomes_apply AFTER INSERT ON followup_outcomes
    FOR EACH ROW EXECUTE FUNCTION outcomes_apply();

-- Feedback flags, study reviews, tier changes and searches: one append-only event table.
CREATE TABLE events (
    uuid uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('feedback', 'study', 'tier', 'search')),
    agent_no text NOT NULL,
    team text NOT NULL DEFAULT '',
    at timestamp NOT NULL,
    data jsonb NOT NULL DEFAULT '{}',
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_kind ON events (kind, at);

CREATE FUNCTION events_fill() RETURNS trigger
    LANGUAGE plpgsql SET search_path = agent_assist, pg_temp AS $$
BEGIN
    IF NEW.agent_no IS NULL OR NEW.agent_no = '' THEN
        NEW.agent_no := coalesce(agent_no_of(current_user), '');
    END IF;
    NEW.team := team_of_agent(NEW.agent_no);
    RETURN NEW;
END $$;
CREATE TRIGGER events_fill BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_fill();

CREATE FUNCTION fill_agent_no() RETURNS trigger
    LANGUAGE plpgsql SET search_path = agent_assist, pg_temp AS $$
BEGIN
    IF NEW.agent_no IS NULL OR NEW.agent_no = '' THEN
        NEW.agent_no := coalesce(agent_no_of(current_user), '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER amendments_fill BEFORE INSERT ON note_amendments
    FOR EACH ROW EXECUTE FUNCTION fill_agent_no();
CREATE TRIGGER outcomes_fill BEFORE INSERT ON followup_outcomes
    FOR EACH ROW EXECUTE FUNCTION fill_agent_no();

-- Team content the PCs pull: phrases managed by leads (team '' = the whole centre), reason
-- codes and departments (managed by the owner / KB owners).
CREATE TABLE team_phrases (
    id bigserial PRIMARY KEY,
    team text NOT NULL DEFAULT '',
    category text NOT NULL DEFAULT '',
    title text NOT NULL DEFAULT '',
    text text NOT NULL CHECK (text <> ''),
    updated_by text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE reason_codes (
    code integer PRIMARY KEY CHECK (code > 0),
    name text NOT NULL CHECK (name <> ''),
    category text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE departments (
    name text PRIMARY KEY CHECK (name <> ''),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION phrases_fill() RETURNS trigger
    LANGUAGE plpgsql SET search_path = agent_assist, pg_temp AS $$
BEGIN
    NEW.updated_by := coalesce(agent_no_of(current_user), current_user);
    NEW.updated_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER phrases_fill BEFORE INSERT OR UPDATE ON team_phrases
    FOR EACH ROW EXECUTE FUNCTION phrases_fill();

-- ------------------------------------------------------------------ privileges and policies
-- Nothing is granted to PUBLIC; the table owner (who ran `team init`) bypasses RLS.
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE note_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE note_amendments ENABLE ROW LEVEL SECURITY;
ALTER TABLE followups ENABLE ROW LEVEL SECURITY;
ALTER TABLE followup_outcomes ENABLE ROW LEVEL SECURITY;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE team_phrases ENABLE ROW LEVEL SECURITY;

-- Agents (and KB owners, who also take calls) read every column of their own notes. Leads read
-- their team's notes but never the phone number column: only the masked copy.
GRANT SELECT, INSERT ON notes TO aa_agent, aa_kb_owner;
GRANT INSERT ON notes TO aa_lead;
GRANT SELECT (uuid, agent_no, team, started_at, ended_at, submitted_at, agent_name,
              customer_name, customer_phone_masked, reason_text, reason_codes, related_processes,
              complaint_type, emotion_start, emotion_end, repeat_call, previous_calls,
              other_department, stage, solution, solution_accepted, resolved, escalated,
              escalated_to, deadline, customer_value, company_value, handling_minutes, notes,
              script_runs, amendments, amend_seq, received_at)
    ON notes TO aa_lead;
CREATE POLICY notes_read ON notes FOR SELECT USING (
    agent_no = (SELECT agent_no_of(current_user))
    OR ((SELECT role_of(current_user)) = 'lead' AND team = (SELECT team_of(current_user)))
);
CREATE POLICY notes_write ON notes FOR INSERT WITH CHECK (
    agent_no = (SELECT agent_no_of(current_user))
);

GRANT SELECT ON note_codes TO aa_agent, aa_lead, aa_kb_owner;
CREATE POLICY note_codes_read ON note_codes FOR SELECT USING (
    agent_no = (SELECT agent_no_of(current_user))
    OR ((SELECT role_of(current_user)) = 'lead' AND team = (SELECT team_of(current_user)))
);

GRANT SELECT, INSERT ON note_amendments TO aa_agent, aa_lead, aa_kb_owner;
CREATE POLICY amendments_read ON note_amendments FOR SELECT USING (
    agent_no = (SELECT agent_no_of(current_user))
    OR ((SELECT role_of(current_user)) = 'lead'
        AND team_of_agent(agent_no) = (SELECT team_of(current_user)))
);
CREATE POLICY amendments_write ON note_amendments FOR INSERT WITH CHECK (
    agent_no = (SELECT agent_no_of(current_user))
    AND EXISTS (SELECT FROM notes n WHERE n.uuid = note_uuid
                AND n.agent_no = (SELECT agent_no_of(current_user)))
);

GRANT SELECT ON followups TO aa_agent, aa_lead, aa_kb_owner;
GRANT UPDATE (assigned_to, assigned_by, assigned_at) ON followups TO aa_lead;
CREATE POLICY followups_read ON followups FOR SELECT USING (
    agent_no = (SELECT agent_no_of(current_user))
    OR assigned_to = (SELECT agent_no_of(current_user))
    OR ((SELECT role_of(current_user)) = 'lead' AND team = (SELECT team_of(current_user)))
);
CREATE POLICY followups_reassign ON followups FOR UPDATE
    USING ((SELECT role_of(current_user)) = 'lead' AND team = (SELECT team_of(current_user)))
    WITH CHECK ((SELECT role_of(current_user)) = 'lead' AND team = (SELECT team_of(current_user))
                AND team_of_agent(assigned_to) = team);

GRANT SELECT, INSERT ON followup_outcomes TO aa_agent, aa_lead, aa_kb_owner;
CREATE POLICY outcomes_read ON followup_outcomes FOR SELECT USING (
    agent_no = (SELECT agent_no_of(current_user))
);
CREATE POLICY outcomes_write ON followup_outcomes FOR INSERT WITH CHECK (
    agent_no = (SELECT agent_no_of(current_user))
    AND EXISTS (SELECT FROM followups f WHERE f.note_uuid = followup_outcomes.note_uuid
                AND (SELECT agent_no_of(current_user)) IN (f.agent_no, f.assigned_to))
);

GRANT SELECT, INSERT ON events TO aa_agent, aa_lead, aa_kb_owner;
CREATE POLICY events_read ON events FOR SELECT USING (
    agent_no = (SELECT agent_no_of(current_user))
    OR ((SELECT role_of(current_user)) = 'kb-owner' AND kind IN ('feedback', 'search'))
    OR ((SELECT role_of(current_user)) = 'lead' AND team = (SELECT team_of(current_user)))
);
CREATE POLICY events_write ON events FOR INSERT WITH CHECK (
    agent_no = (SELECT agent_no_of(current_user))
);

GRANT SELECT ON team_phrases, reason_codes, departments TO aa_agent, aa_lead, aa_kb_owner;
GRANT INSERT, UPDATE, DELETE ON team_phrases TO aa_lead;
GRANT USAGE ON SEQUENCE team_phrases_id_seq TO aa_lead;
GRANT INSERT, UPDATE, DELETE ON reason_codes, departments TO aa_kb_owner;
CREATE POLICY phrases_read ON team_phrases FOR SELECT USING (
    team = '' OR team = (SELECT team_of(current_user))
);
CREATE POLICY phrases_manage ON team_phrases FOR ALL
    USING ((SELECT role_of(current_user)) = 'lead' AND team = (SELECT team_of(current_user)))
    WITH CHECK ((SELECT role_of(current_user)) = 'lead' AND team = (SELECT team_of(current_user)));

-- The follow-ups a lead assigned to the caller for a colleague's note: what the call-back needs
-- (name, what the customer said, masked phone), without giving the colleague's notes away.
-- session_user: inside a SECURITY DEFINER function current_user is the owner.
CREATE FUNCTION assigned_followups() RETURNS TABLE (
    note_uuid uuid, owner_no text, due_at timestamp, customer_name text,
    customer_phone_masked text, reason_text text, assigned_by text
)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = agent_assist, pg_temp AS $$
    SELECT f.note_uuid, f.agent_no, f.due_at, n.customer_name, n.customer_phone_masked,
           n.reason_text, f.assigned_by
    FROM followups f JOIN notes n ON n.uuid = f.note_uuid
    WHERE f.assigned_to = agent_no_of(session_user) AND f.agent_no <> f.assigned_to
      AND f.closed_at IS NULL
    ORDER BY f.due_at
$$;
REVOKE EXECUTE ON FUNCTION assigned_followups() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION assigned_followups() TO aa_agent, aa_lead, aa_kb_owner;
