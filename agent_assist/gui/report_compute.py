"""What the Reports tab computes off the GUI thread: the notes report (我的 / 团队) and the
search report (搜索分析), each on the worker's own database connection.

A worker never uses the GUI's SQLite connection (connections must not be shared across threads
mid-query): with a database file it opens its own; an in-memory database has only the GUI's
connection, so the views compute on the GUI thread then (tests, ``--screenshot`` demos).
"""

from __future__ import annotations

from collections.abc import Mapping

from agent_assist.learning.report import SearchFilter, SearchReport
from agent_assist.notes import NoteFilter, NotesReport, build_report


def _db_file(db) -> str:
    """The database file behind ``db`` ('' for an in-memory database)."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return file or ""
    return ""


def compute_report(
    db_file: str, db, flt: NoteFilter, codes, per_minute: float | None = None, team: bool = False
) -> NotesReport:
    """Runs on a worker: a private connection when the database is a file (SQLite connections
    must not be shared across threads mid-query). ``team``: the 团队 scope, computed by the team
    server over the notes this login may read (an agent's own, a lead's team, the whole centre)."""
    if db_file:
        from agent_assist.storage import open_db

        own = open_db(db_file)
        try:
            if team:
                from agent_assist.team.reports import team_report

                return team_report(flt, codes, per_minute, db=own)
            return build_report(own, flt, codes, per_minute)
        finally:
            own.conn.close()
    return build_report(db, flt, codes, per_minute)


def team_scope_offered(db) -> bool:
    """Offer the 团队 scope? Team mode is on and the login's role reads team-wide reports (a
    team lead, a KB owner, the centre's owner; an agent's reports are their own). The role is
    the one the last pull remembered. Never fails the Reports tab."""
    try:
        from agent_assist.team.connect import configured_dsn

        dsn = configured_dsn(db)
        if not dsn:
            return False
        from agent_assist.team.roles import sees_team_reports

        return sees_team_reports(db, dsn)
    except Exception:
        return False


def compute_search_report(
    db_file: str,
    db,
    flt: SearchFilter,
    names: Mapping[str, str],
    team: bool = False,
    top: int = 20,
) -> SearchReport | tuple[str, str]:
    """The 搜索分析 report of this PC's search log, or (``team``) computed by the team server.
    A team fault is returned as ``(kind, message)`` (e.g. ``denied`` for an agent's login), so
    the view can say it plainly instead of showing an exception."""
    from agent_assist.learning.report import local_search_report, report_from, search_words

    if not db_file:
        return local_search_report(db, flt, names, top=top)
    from agent_assist.storage import open_db

    own = open_db(db_file)
    try:
        if not team:
            return local_search_report(own, flt, names, top=top)
        from agent_assist.team.connect import TeamError
        from agent_assist.team.search_report import team_search_aggregates

        try:
            agg = team_search_aggregates(flt.start(), flt.end(), flt.agent, top, db=own)
        except TeamError as exc:
            return (exc.kind, str(exc))
        return report_from(agg, names, search_words)
    finally:
        own.conn.close()
