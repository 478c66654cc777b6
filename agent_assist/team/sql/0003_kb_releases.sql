-- Team store, step 3: KB releases (the team channel of `agent-assist kb publish --team`).
-- A release is the same record as the folder channel's release.json; file contents are stored
-- once per content hash, so a release that changes 50 of 5,000 files uploads 50 files.

CREATE TABLE kb_releases (
    number integer PRIMARY KEY CHECK (number > 0),
    published_at text NOT NULL,                 -- ISO 8601 with the publisher's offset
    published_local timestamp NOT NULL,         -- the same moment in local time, like events.at
    publisher text NOT NULL DEFAULT '',
    message text NOT NULL CHECK (message <> ''),
    changed jsonb NOT NULL DEFAULT '[]',
    record jsonb NOT NULL,                      -- release.json: lists, versions, file hashes
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE kb_release_files (
    hash text PRIMARY KEY CHECK (hash <> ''),
    content bytea NOT NULL
);

GRANT SELECT ON kb_releases, kb_release_files TO aa_agent, aa_lead, aa_kb_owner;
GRANT INSERT ON kb_releases, kb_release_files TO aa_kb_owner;

-- Re-learning per release and changed process: agents who knew (last tier event before the
-- release was 'known') or had studied the process before the release, and the first study
-- review after it (NULL = not re-learned yet). Leads see their team, KB owners everyone,
-- agents themselves;
-- SECURITY DEFINER because agents' tier and study events are otherwise private to them.
CREATE FUNCTION release_relearn(rel integer)
RETURNS TABLE (pid text, agent_no text, team text, relearned_at timestamp)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = agent_assist, pg_temp AS $$
    WITH r AS (
        SELECT number, published_local, jsonb_array_elements_text(changed) AS pid
        FROM kb_releases WHERE number = rel
    ),
    before AS (
        SELECT DISTINCT r.pid, e.agent_no, e.team
        FROM r JOIN events e ON e.data->>'pid' = r.pid AND e.at < r.published_local
        WHERE (e.kind = 'study')
           OR (e.kind = 'tier' AND e.data->>'tier' = 'known' AND NOT EXISTS (
                SELECT 1 FROM events later
                WHERE later.kind = 'tier' AND later.agent_no = e.agent_no
                  AND later.data->>'pid' = r.pid AND later.at > e.at
                  AND later.at < r.published_local))
    )
    SELECT b.pid, b.agent_no, b.team,
           (SELECT min(s.at) FROM events s, r
             WHERE s.kind = 'study' AND s.agent_no = b.agent_no AND s.data->>'pid' = b.pid
               AND r.pid = b.pid AND s.at >= r.published_local)
    FROM before b
    -- inside SECURITY DEFINER current_user is the owner: who asks is session_user
    WHERE (SELECT role_of(session_user)) = 'kb-owner'
       OR ((SELECT role_of(session_user)) = 'lead' AND b.team = (SELECT team_of(session_user)))
       OR b.agent_no = (SELECT agent_no_of(session_user))
       OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
    ORDER BY 1, 2
$$;
REVOKE ALL ON FUNCTION release_relearn(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION release_relearn(integer) TO aa_agent, aa_lead, aa_kb_owner;
