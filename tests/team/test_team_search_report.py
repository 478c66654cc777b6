"""``report search --team`` gives the same report as the local one on the same sessions: three
agents' PCs search (failed searches, reformulations, opens at every rank, 缺少流程 flags), their
sessions reach the server through the outbox, then local and team JSON are compared."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from agent_assist.cli import main
from agent_assist.knowledge import load_kb
from agent_assist.learning import SearchLog
from agent_assist.learning.report import (
    SearchFilter,
    build_report,
    kb_texts,
    report_from,
    search_words,
)
from agent_assist.storage import open_db
from agent_assist.storage.hooks import emit
from agent_assist.team.admin import add_user
from agent_assist.team.connect import ENV_DSN, TeamError
from agent_assist.team.hook import install, uninstall
from agent_assist.team.pusher import push_all
from agent_assist.team.search_report import DENIED, team_search_aggregates

KB = Path(__file__).resolve().parents[2] / "knowledge"
START = dt.datetime(2026, 10, 20, 8, 30).timestamp()
AGENTS = {"sra1": "甲", "sra2": "甲", "sra3": "乙"}
QUERIES = [
    "家里网断了一直连不上",
    "宽带连不上",
    "网断了",
    "手机没信号",
    "话费怎么扣这么多",
    "流量用超了怎么办",
    "套餐怎么改便宜点",
    "我要投诉你们",
    "号码停机了 138 1234 5678",  # masked before it is stored, on both sides
    "出国了打不了电话",
    "彩铃怎么退",
    "发票开不出来",
    "银行代扣没扣上",
    "密码忘了",
    "补卡要带什么",
    "积分兑换",
    "网速慢",
    "合约到期了",
]


class Clock:
    def __init__(self, t: float) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def _search_like_an_agent(db, agent: str, seed: int, pids: list[str]) -> None:
    """About 250 sessions over five weeks; the last one is left open (closed app)."""
    rng = random.Random(seed)
    clock = Clock(START + seed * 37.25)
    log = SearchLog(db, agent=agent, clock=clock, retention_days=0)
    for _ in range(250):
        q = rng.choice(QUERIES)
        shown = rng.sample(pids, 5)
        r = rng.random()
        if r < 0.12:
            log.searched(q, [])  # no result; abandoned at the next search
        elif r < 0.25:
            log.searched(q, shown)  # results, nothing opened
        elif r < 0.32:
            log.searched(q, [])
            log.flagged_missing()
        else:
            if r < 0.6:  # reformulated once or twice before the open
                log.searched(q, rng.sample(pids, 5))
                clock.t += rng.uniform(2, 20)
                if r < 0.4:
                    log.searched(rng.choice(QUERIES), rng.sample(pids, 5))
                    clock.t += rng.uniform(2, 20)
                q = rng.choice(QUERIES)
            log.searched(q, shown)
            clock.t += rng.uniform(1, 30)
            # mostly the query's own process (so its words become suggestions), else one of the
            # shown (any rank), sometimes one found elsewhere (rank 0)
            if r < 0.75:
                log.opened(pids[QUERIES.index(q) * 3 % len(pids)])
            else:
                log.opened(rng.choice(shown[: rng.randint(1, 5)]) if r < 0.93 else rng.choice(pids))
        clock.t += rng.choice([130.5, 900.25, 3600.0, 5 * 3600.0, 20 * 3600.0])
    clock.t += 3600
    assert SearchLog(db, agent=agent, clock=clock, retention_days=0).flush_abandoned() == 0


@pytest.fixture(scope="module")
def loaded(team_db, tmp_path_factory, sample_kb_dir_module):
    """Each agent's PC (own data dir, own login) searched and pushed."""
    users = {no: add_user(team_db, no, "agent", team) for no, team in AGENTS.items()}
    users["owner"] = add_user(team_db, "srk", "kb-owner")
    users["lead"] = add_user(team_db, "srl", "lead", "甲")
    names, _titles = kb_texts(load_kb(sample_kb_dir_module))
    pids = sorted(names)
    mp = pytest.MonkeyPatch()
    install()
    dbs = {}
    try:
        for i, no in enumerate(AGENTS):
            data = tmp_path_factory.mktemp(f"pc-{no}")
            mp.setenv("AGENT_ASSIST_DATA_DIR", str(data))
            mp.setenv(ENV_DSN, users[no].dsn)
            db = open_db()
            _search_like_an_agent(db, no, i + 1, pids)
            # the tiers' open log is a 'search' event too, but not a session: never counted
            emit("search", db, pid=pids[0], query="彩铃", at=START, agent=no)
            result = push_all(db, users[no].dsn)
            assert result.rejected == 0 and result.sent == 251
            dbs[no] = (db, data)
        yield dbs, users, names
    finally:
        uninstall()
        mp.undo()


@pytest.fixture(scope="module")
def sample_kb_dir_module():
    return KB


def team_search_report(flt: SearchFilter, names, words, top=20, min_count=2, dsn=None):
    agg = team_search_aggregates(flt.start(), flt.end(), flt.agent, top, dsn=dsn)
    return report_from(agg, names, words, min_count=min_count)


def _local(dbs, flt: SearchFilter, names, top=20, min_count=2) -> dict:
    sessions = [s for db, _ in dbs.values() for s in SearchLog(db).sessions() if flt.matches(s)]
    return build_report(sessions, names, search_words, top=top, min_count=min_count).as_dict()


CASES = [
    (SearchFilter(), 20),
    (SearchFilter(), 3),  # ties at the cut: both sides keep the same rows
    (SearchFilter(date_from=dt.date(2026, 11, 1), date_to=dt.date(2026, 11, 10)), 20),
    (SearchFilter(agent="sra2"), 20),
    (SearchFilter(date_from=dt.date(2026, 11, 5), agent="sra3"), 5),
]


@pytest.mark.parametrize(("flt", "top"), CASES, ids=["all", "top3", "dates", "agent", "both"])
def test_team_search_report_equals_local(loaded, flt, top):
    dbs, users, names = loaded
    local = _local(dbs, flt, names, top=top)
    team = team_search_report(flt, names, search_words, top=top, dsn=users["owner"].dsn)
    assert local["sessions"] > 0 and local["chains"] and local["suggestions"]
    assert all(local["failed"][k] for k in ("no_result", "no_open", "reformulated"))
    assert team.as_dict() == local


def test_every_session_arrived_once_including_abandoned_ones(loaded):
    dbs, users, names = loaded
    team = team_search_report(SearchFilter(), names, search_words, dsn=users["owner"].dsn)
    assert team.sessions == 750 == sum(len(SearchLog(db).sessions()) for db, _ in dbs.values())
    assert 0 < team.zero_result_rate < 1 and 1 <= team.mean_open_rank <= 5


def test_a_lead_sees_the_team_and_an_agent_is_refused(loaded):
    dbs, users, names = loaded
    lead = team_search_report(SearchFilter(), names, search_words, dsn=users["lead"].dsn)
    team_a = {k: v for k, v in dbs.items() if AGENTS[k] == "甲"}
    assert lead.as_dict() == _local(team_a, SearchFilter(), names)
    with pytest.raises(TeamError) as err:
        team_search_report(SearchFilter(), names, search_words, dsn=users["sra1"].dsn)
    assert err.value.kind == "denied" and str(err.value) == DENIED


def test_cli_team_json_equals_local_json(loaded, monkeypatch, capsys):
    dbs, users, _ = loaded
    monkeypatch.setenv("AGENT_ASSIST_DATA_DIR", str(dbs["sra1"][1]))
    monkeypatch.setenv(ENV_DSN, users["owner"].dsn)
    args = ["report", "search", "--json", "--agent", "sra1", "--from", "2026-10-25"]
    assert main(args) == 0
    local = json.loads(capsys.readouterr().out)
    assert main([*args, "--team"]) == 0
    assert json.loads(capsys.readouterr().out) == local and local["sessions"] > 0
    assert main(["report", "search", "--team"]) == 0
    assert "无结果率" in capsys.readouterr().out
    monkeypatch.setenv(ENV_DSN, users["sra1"].dsn)
    assert main(["report", "search", "--team"]) == 1
    assert "没有权限" in capsys.readouterr().err


def test_reports_tab_search_section_team_scope(loaded, qtbot, data_dir, monkeypatch):
    """团队 scope of 搜索分析: a KB owner's PC shows the server's numbers; an agent's login is
    told plainly that it may not (no traceback, nothing stale left on screen)."""
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.reports_view import ReportsView
    from agent_assist.team.pull import pull_all

    dbs, users, names = loaded
    monkeypatch.setenv(ENV_DSN, users["owner"].dsn)
    ctx = AppContext(kb_dir=KB, db=open_db(data_dir / "kb.db"))
    pull_all(ctx.db, users["owner"].dsn)  # remembers the login's role: a KB owner
    view = ReportsView(ctx)
    qtbot.addWidget(view)
    view.show()
    section = view.search_view
    view.tabs.setCurrentWidget(section)
    qtbot.waitUntil(lambda: section.report is not None, timeout=20_000)
    assert section.report.sessions == 0  # 我的: no search on this PC
    section.report = None
    view.scope.setCurrentIndex(view.scope.findData("team"))
    qtbot.waitUntil(lambda: section.report is not None, timeout=20_000)
    expected = team_search_report(SearchFilter(), names, search_words, dsn=users["owner"].dsn)
    assert section.report.as_dict() == expected.as_dict() and expected.sessions == 750
    assert "团队：750 次搜索" in section.kpis.text() and section.failed.rowCount() > 0

    monkeypatch.setenv(ENV_DSN, users["sra1"].dsn)  # an agent's PC in team mode
    view.refresh()
    qtbot.waitUntil(
        lambda: section.status.isVisible() and "没有权限" in section.status.text(), timeout=20_000
    )
    assert section.report is None and section.failed.rowCount() == 0
    assert not section.patch_button.isEnabled()
    ctx.services.wait(5000)


def test_row_level_security_on_the_sessions_table(loaded):
    """An agent's login reads its own sessions only; a KB owner every one (the database decides,
    whatever the client asks)."""
    import psycopg

    from agent_assist.team.migrate import SCHEMA

    _, users, _ = loaded
    sql = f"SELECT agent_no, count(*) FROM {SCHEMA}.search_sessions GROUP BY 1 ORDER BY 1"
    with psycopg.connect(users["sra3"].dsn) as conn:
        assert conn.execute(sql).fetchall() == [("sra3", 250)]
    with psycopg.connect(users["owner"].dsn) as conn:
        assert conn.execute(sql).fetchall() == [(no, 250) for no in AGENTS]
