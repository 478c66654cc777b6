-- Team store, step 4: the pushed search sessions as plain columns, for `report search --team`.
-- A PC pushes each finished or abandoned search session as an `events` row of kind 'search'
-- whose data.session is the masked session (query, chain, results, opened, rank, missing,
-- started). Reading those JSON fields on every report cost ~40 µs a session; this table keeps
-- them parsed once, at insert (a statement trigger: one INSERT … SELECT per pushed batch), with
-- the distinct queries of the chain in first-use order (what the suggested phrases need). Texts
-- compare by code point (COLLATE "C"): the report's ties sort as the PC's Python does, and
-- grouping never pays for a linguistic collation.
-- Events of kind 'search' without a session (an open logged by the tiers) are not sessions.

CREATE TABLE search_sessions (
    uuid uuid PRIMARY KEY REFERENCES events (uuid) ON DELETE CASCADE,
    agent_no text NOT NULL,
    team text NOT NULL,
    at timestamp NOT NULL,          -- when the session started (the PC's wall clock)
    query text COLLATE "C" NOT NULL,        -- the final query
    chain text[] COLLATE "C" NOT NULL,      -- the queries in order (last = query)
    chain_len integer NOT NULL,
    first_query text COLLATE "C" NOT NULL,  -- chain[1] (the wording that failed, if reformulated)
    queries text[] COLLATE "C" NOT NULL,    -- distinct queries of the chain (else {query}), in
                                            -- first-use order
    results integer NOT NULL,
    opened text COLLATE "C" NOT NULL,       -- '' = nothing opened
    rank integer NOT NULL,          -- 1-based rank of the opened process, 0 = not among the shown
    missing boolean NOT NULL,       -- 缺少流程 flagged
    started double precision NOT NULL  -- epoch seconds (orders the paths as the PC does)
);
CREATE INDEX search_sessions_at ON search_sessions (at);
CREATE INDEX search_sessions_agent ON search_sessions (agent_no, at);
CREATE INDEX search_sessions_team ON search_sessions (team, at);

-- one events row's session as a search_sessions row (lenient: a missing field has its default)
CREATE FUNCTION search_session_row(ev_uuid uuid, ev_agent text, ev_team text, ev_at timestamp,
                                   ev_data jsonb) RETURNS search_sessions
    LANGUAGE sql STABLE SET search_path = agent_assist, pg_temp AS $$
    SELECT ev_uuid, ev_agent, ev_team, ev_at,
           coalesce(s->>'query', ''), c.chain, cardinality(c.chain),
           coalesce(c.chain[1], s->>'query', ''),
           ARRAY(SELECT x FROM (SELECT x, min(i) AS i FROM unnest(
                     CASE WHEN cardinality(c.chain) > 0 THEN c.chain
                          ELSE ARRAY[coalesce(s->>'query', '')] END
                 ) WITH ORDINALITY AS a(x, i) GROUP BY x) u ORDER BY i),
           coalesce((s->>'results')::integer, 0), coalesce(s->>'opened', ''),
           coalesce((s->>'rank')::integer, 0), coalesce((s->>'missing')::boolean, false),
           coalesce((s->>'started')::double precision, extract(epoch FROM ev_at)::double precision)
    FROM (SELECT ev_data->'session' AS s) d,
         LATERAL (SELECT CASE WHEN jsonb_typeof(d.s->'chain') = 'array'
                  THEN ARRAY(SELECT x FROM jsonb_array_elements_text(d.s->'chain')
                             WITH ORDINALITY AS a(x, i) ORDER BY i)
                  ELSE ARRAY[]::text[] END AS chain) c
$$;

CREATE FUNCTION search_sessions_fill() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = agent_assist, pg_temp AS $$
BEGIN
    INSERT INTO search_sessions
    SELECT r.* FROM new_rows n, LATERAL search_session_row(n.uuid, n.agent_no, n.team, n.at, n.data) r
    WHERE n.kind = 'search' AND jsonb_typeof(n.data->'session') = 'object';
    RETURN NULL;
END $$;
CREATE TRIGGER search_sessions_fill AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_sessions_fill();

INSERT INTO search_sessions
SELECT r.* FROM events e, LATERAL search_session_row(e.uuid, e.agent_no, e.team, e.at, e.data) r
WHERE e.kind = 'search' AND jsonb_typeof(e.data->'session') = 'object';

-- Read as the events they come from: agents their own, leads their team's, KB owners all.
ALTER TABLE search_sessions ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON search_sessions TO aa_agent, aa_lead, aa_kb_owner;
CREATE POLICY search_sessions_read ON search_sessions FOR SELECT USING (
    agent_no = (SELECT agent_no_of(current_user))
    OR (SELECT role_of(current_user)) = 'kb-owner'
    OR ((SELECT role_of(current_user)) = 'lead' AND team = (SELECT team_of(current_user)))
);
