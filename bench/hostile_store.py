"""Hostile cases against the notes store (issue 8 items 3, 5, 6, 9, 10, 11): prints the table
"cases tried / handled / failed / data lost" for whatever ``agent_assist`` is on the path.

Uses only APIs that existed before the hardening (``open_db``, ``NoteStore``, ``DraftStore``,
``AmendmentStore``, ``export_notes``, the CLI), so the same script measures the code before and
after::

    PYTHONPATH=. python bench/hostile_store.py            # this checkout
    PYTHONPATH=/tmp/old python bench/hostile_store.py     # an older one, for the "before" column

"handled" means: the hostile input got a clear outcome (masked, refused with a message naming the
file, skipped and reported, or simply worked); "failed": a crash, a traceback, a leak or a wrong
result; "data lost": stored notes, drafts or amendments that are gone or silently overwritten.
Linux only (fork, /dev/full, a read-only bind mount when run as root).
"""

from __future__ import annotations

import contextlib
import csv
import io
import multiprocessing as mp
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["AGENT_ASSIST_DATA_DIR"] = tempfile.mkdtemp(prefix="hostile-store-")

from agent_assist.cli import main
from agent_assist.notes import (
    AmendmentStore,
    DraftStore,
    NoteDraft,
    NoteInvalid,
    NoteStore,
    export_notes,
    reason_codes_for,
)
from agent_assist.storage import open_db

CODES = reason_codes_for()
CTX = mp.get_context("fork")
ROWS: list[tuple[str, int, int, int, int]] = []


def row(name: str, tried: int, handled: int, lost: int = 0) -> None:
    ROWS.append((name, tried, handled, tried - handled, lost))


def draft(i: int = 0, **kw) -> NoteDraft:
    base = dict(
        started_at=f"2026-11-{1 + i % 28:02d} 09:{i % 60:02d}:00",
        agent_no="A1",
        reason_text=f"第{i}条：客户反映宽带断网",
        reason_codes="11",
        emotion_start="不满",
        emotion_end="平静",
        stage="提出方案",
        handling_minutes="5",
    )
    base.update(kw)
    return NoteDraft(**base)


def fresh_dir() -> Path:
    path = Path(tempfile.mkdtemp(prefix="hostile-"))
    os.environ["AGENT_ASSIST_DATA_DIR"] = str(path)
    return path


def quiet(argv: list[str]) -> tuple[int | None, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except BaseException as exc:  # a traceback would have reached the user
            return None, f"{type(exc).__name__}: {exc}"
    return code, err.getvalue()


# -- item 3: free-text numbers ------------------------------------------------------------------

FW = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def shapes(rng: random.Random) -> list[tuple[str, str]]:
    """(text as typed, the digits that must not leave)."""
    out = []
    for _ in range(40):
        m = "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))
        out += [
            (f"{m[:3]} {m[3:7]} {m[7:]}", m),
            (f"+86-{m[:3]}-{m[3:7]}-{m[7:]}", m),
            (m.translate(FW), m),
            (f"{m[:3]}.{m[3:7]}.{m[7:]}", m),
            (f"tel:+86{m}", m),
            (f"{m[:3]}\u200b{m[3:7]}\u200b{m[7:]}", m),
        ]
    for _ in range(10):
        local = rng.choice("2345678") + "".join(rng.choice("0123456789") for _ in range(7))
        out.append((f"(010){local}", "010" + local))
        body = "110105" + f"19{rng.randint(50, 99)}0{rng.randint(1, 9)}1{rng.randint(0, 9)}" + "123"
        check = "10X98765432"[
            sum(
                int(d) * w
                for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2))
            )
            % 11
        ]
        out.append((body + check, body + check))
        card = "6222" + "".join(rng.choice("0123456789") for _ in range(15))
        out.append((" ".join(card[i : i + 4] for i in range(0, 19, 4)), card))
    return out


def digits_of(text: str) -> str:
    return "".join(str(int(c)) if c.isdecimal() else ("X" if c in "XxＸ" else "") for c in text)


def case_masking() -> None:
    fresh_dir()
    db = open_db()
    store = NoteStore(db)
    variants = shapes(random.Random(8))
    for i, (text, _) in enumerate(variants):
        store.submit(
            draft(
                i, reason_text=f"客户说号码是{text}，充了58元", solution=f"回电{text}", notes=text
            ),
            CODES,
        )
    for fmt in ("csv", "xlsx"):
        out = Path(tempfile.mkdtemp()) / f"n.{fmt}"
        export_notes(db, out, fmt, CODES)
        if fmt == "csv":
            with open(out, encoding="utf-8-sig", newline="") as fh:
                cells = [c for r in list(csv.reader(fh))[1:] for c in r]
        else:
            import openpyxl

            ws = openpyxl.load_workbook(out, read_only=True).active
            cells = [str(c) for r in list(ws.iter_rows(values_only=True))[1:] for c in r if c]
        secrets = {digits for _, digits in variants}
        with_number = [c for c in cells if any(s in digits_of(c) or "*" in c for s in secrets)]
        leaked = [c for c in cells if any(s in digits_of(c) for s in secrets)]
        row(
            f"3  free-text numbers in {fmt.upper()} cells",
            len(with_number),
            len(with_number) - len(leaked),
        )


# -- item 5: concurrent amendments ------------------------------------------------------------------


def _amend(path, who, field, barrier, q):
    try:
        store = AmendmentStore(NoteStore(open_db(path)))
        barrier.wait()
        for i in range(300):
            store.amend(1, {field: f"{who}{i}"}, by=who, codes=CODES)
        q.put("ok")
    except Exception as exc:
        q.put(repr(exc))


def case_amendments() -> None:
    path = fresh_dir() / "agent_assist.db"
    db = open_db(path)
    NoteStore(db).submit(draft(solution="起初", notes="起初"), CODES)
    barrier, q = CTX.Barrier(2), CTX.Queue()
    procs = [
        CTX.Process(target=_amend, args=(str(path), w, f, barrier, q))
        for w, f in (("甲", "solution"), ("乙", "notes"))
    ]
    for p in procs:
        p.start()
    results = [q.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    history = AmendmentStore(NoteStore(db)).history(1)
    note = NoteStore(db).get(1)
    breaks = 0
    for field in ("solution", "notes"):
        value = "起初"
        for a in (a for a in history if a.field == field):
            breaks += a.old != value
            value = a.new
        breaks += value != getattr(note, field)
    done = sum(r == "ok" for r in results) * 300
    row("5  concurrent amendments (2 × 300)", 600, done - breaks, breaks)


# -- item 6: concurrent starts ------------------------------------------------------------------------


def _open_all(path, barrier, q):
    try:
        barrier.wait()
        from agent_assist.knowledge import FeedbackStore, ProfileStore, TierStore
        from agent_assist.notes import FollowUpStore
        from agent_assist.phrases.store import PhraseStore

        db = open_db(path)
        for store in (NoteStore, DraftStore, FollowUpStore, TierStore, FeedbackStore, ProfileStore):
            store(db)
        PhraseStore(db)
        q.put("ok")
    except Exception as exc:
        q.put(repr(exc))


def _race(path: Path, n: int) -> int:
    barrier, q = CTX.Barrier(n), CTX.Queue()
    procs = [CTX.Process(target=_open_all, args=(str(path), barrier, q)) for _ in range(n)]
    for p in procs:
        p.start()
    ok = sum(q.get(timeout=120) == "ok" for _ in procs)
    for p in procs:
        p.join()
    return ok


def case_starts() -> None:
    ok = sum(_race(fresh_dir() / "agent_assist.db", 4) for _ in range(20))
    row("6  4 processes open a fresh data dir (×20)", 80, ok)
    from agent_assist.notes import MIGRATIONS

    ok = lost = 0
    for _ in range(5):
        path = fresh_dir() / "agent_assist.db"
        db = open_db(path)
        MIGRATIONS.apply(db, stop_before="002_script_runs")
        db.execute(
            "INSERT INTO notes (id, started_at, ended_at, submitted_at, reason_text, emotion_start,"
            " emotion_end, stage, handling_minutes) VALUES (1, '2026-11-01 09:00:00',"
            " '2026-11-01 09:10:00', '2026-11-01 09:11:00', '旧小结', '不满', '平静', '提出方案', 10)"
        )
        db.conn.close()
        ok += _race(path, 3)
        try:
            lost += NoteStore(open_db(path)).get(1) is None
        except Exception:
            lost += 1
    row("6  3 processes upgrade an old database (×5)", 15, ok, lost)
    code = (
        "import time\nfrom agent_assist.gui.app import build\nimport agent_assist.gui.main_window\n"
        "time.sleep(max(0.0, {t} - time.time()))\napp, ctx, w = build(ask_profile=False)\n"
        "w.shutdown()\nprint('started')\n"
    )
    ok = 0
    for _ in range(3):
        env = {**os.environ, "AGENT_ASSIST_DATA_DIR": str(fresh_dir())}
        t = time.time() + 8
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code.format(t=t)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        ok += sum("started" in p.communicate(timeout=180)[0] for p in procs)
    row("6  two desktop instances, fresh data dir (×3)", 6, ok)


# -- item 9: full disk ----------------------------------------------------------------------------------


def case_full_disk() -> None:
    fresh_dir()
    db = open_db()
    store, drafts = NoteStore(db), DraftStore(db)
    handled = lost = 0
    for i in range(20):
        d = draft(i, reason_text="客户反映宽带断网" * 300)
        drafts.save(d)
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
        try:
            store.submit(d, CODES)
            handled += 1
        except sqlite3.Error:
            pass  # the raw library error: what the desktop let escape before
        except Exception as exc:
            handled += "保存" in str(exc)
        finally:
            db.execute("PRAGMA max_page_count = 1073741823")
        kept = drafts.get(d.draft_id) is not None or any(
            n.reason_text == d.reason_text for n in store.search(limit=5)
        )
        lost += not kept
        drafts.discard(d.draft_id)
    row("9  submit on a full disk (SQLITE_FULL)", 20, handled, lost)
    handled = 0
    for i in range(10):
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
        try:
            drafts.save(draft(i, reason_text="自动保存" * 500))
            handled += 1
        except sqlite3.Error:
            pass
        except Exception as exc:
            handled += "保存" in str(exc)
        finally:
            db.execute("PRAGMA max_page_count = 1073741823")
    row("9  autosave on a full disk", 10, handled)
    handled = 0
    for fmt in ("csv", "xlsx"):
        code, err = quiet(["export", "notes", "--format", fmt, "--out", "/dev/full"])
        handled += code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
        for bad in ("/proc/x.out", tempfile.mkdtemp()):
            code, err = quiet(["export", "notes", "--format", fmt, "--out", bad])
            handled += code == 1 and len(err.strip().splitlines()) == 1
    row("9/11 export to full disk / unwritable path", 6, handled)


# -- item 10: damaged database and rows --------------------------------------------------------------


def damage(kind: str, path: Path) -> None:
    if kind == "directory":
        path.mkdir()
    elif kind == "zero-length":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("name,phone\n王先生,13800138000\n" * 50, encoding="utf-8")
    elif kind == "random":
        path.write_bytes(os.urandom(50000))
    else:  # truncated
        db = open_db(path)
        s = NoteStore(db)
        with db.atomic():
            for i in range(300):
                s.submit(draft(i, reason_text="很长的客户原话" * 20), CODES)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.close()
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def snapshot(path: Path):
    return sorted(p.name for p in path.iterdir()) if path.is_dir() else path.read_bytes()


def case_damaged() -> None:
    kinds = ["truncated", "random", "text", "directory", "zero-length"]
    handled = lost = 0
    for kind in kinds:
        for how in ("open", "report", "export"):
            folder = fresh_dir()
            path = folder / "agent_assist.db"
            damage(kind, path)
            before = snapshot(path)
            if how == "open":
                try:
                    open_db(path).execute("SELECT count(*) FROM sqlite_master").fetchone()
                    ok = False  # opened a damaged (or emptied) file as if nothing happened
                except Exception as exc:
                    ok = str(path) in str(exc)
            else:
                argv = (
                    ["report", "notes"]
                    if how == "report"
                    else ["export", "notes", "--out", str(folder / "o.csv")]
                )
                code, err = quiet(argv)
                ok = code not in (0, None) and str(path) in err and "Traceback" not in err
            handled += ok
            lost += not path.exists() or snapshot(path) != before
    row("10 damaged database file (5 kinds × open/report/export)", 15, handled, lost)

    bad = {
        "started_at": "2026-13-45",
        "ended_at": "昨天",
        "deadline": "!!int abc",
        "related_processes": "{x",
        "script_runs": "5",
        "handling_minutes": "abc",
    }
    handled = 0
    for col, value in bad.items():
        fresh_dir()
        db = open_db()
        s = NoteStore(db)
        for i in range(5):
            s.submit(draft(i), CODES)
        db.execute(f"UPDATE notes SET {col} = ? WHERE id = 3", [value])
        for fmt in ("csv", "xlsx"):
            try:
                handled += export_notes(db, Path(tempfile.mkdtemp()) / f"o.{fmt}", fmt, CODES) == 4
            except Exception:
                pass
    row("10 one bad row: export writes the rest", len(bad) * 2, handled)
    handled = 0
    for data in ("[1, 2]", '"text"', "null", "42", "{broken"):
        fresh_dir()
        db = open_db()
        drafts = DraftStore(db)
        drafts.save(draft(0))
        db.execute(
            "INSERT INTO note_drafts (id, updated_at, data) VALUES ('b', '2099-01-01', ?)", [data]
        )
        try:
            handled += len(drafts.pending()) == 1
        except Exception:
            pass
    row("10 damaged draft row: others still offered", 5, handled)


# -- item 11: read-only data dir, amendment authors -------------------------------------------------


def case_readonly() -> None:
    folder = fresh_dir()
    db = open_db()
    NoteStore(db).submit(draft(1), CODES)
    from agent_assist.knowledge import FeedbackStore, ProfileStore

    FeedbackStore(db)
    ProfileStore(db)
    db.conn.close()
    mounted = False
    if os.geteuid() == 0:
        mounted = (
            subprocess.run(
                ["mount", "--bind", str(folder), str(folder)], capture_output=True
            ).returncode
            == 0
            and subprocess.run(
                ["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True
            ).returncode
            == 0
        )
    else:
        folder.chmod(0o555)
        mounted = True
    if not mounted:
        return
    handled = 0
    try:
        for argv in (
            ["report", "notes"],
            ["report", "feedback"],
            ["export", "notes", "--out", str(Path(tempfile.mkdtemp()) / "o.csv")],
        ):
            code, err = quiet(argv)
            handled += code == 0
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        else:
            folder.chmod(0o755)
    row("11 read-only data dir: report / feedback / export", 3, handled)
    fresh_dir()
    store = NoteStore(open_db())
    store.submit(draft(1), CODES)
    handled = 0
    authors = ["\x00", "\u200b", "   ", "\u3000", "\t\n", "\u200b\ufeff"]
    for by in authors:
        try:
            AmendmentStore(store).amend(1, {"solution": f"改{by!r}"}, by=by, codes=CODES)
        except NoteInvalid:
            handled += 1
    row("11 invisible amendment author refused", len(authors), handled)


# -- kill -9 ---------------------------------------------------------------------------------------


def _writer(path, pipe):
    store = NoteStore(open_db(path))
    i = 0
    while True:
        pipe.send(store.submit(draft(i), CODES).id)
        i += 1


def case_kill() -> None:
    path = str(fresh_dir() / "agent_assist.db")
    confirmed: list[int] = []
    lost = handled = 0
    for round_ in range(5):
        pipes, procs = [], []
        for _ in range(2):
            r, w = CTX.Pipe(duplex=False)
            p = CTX.Process(target=_writer, args=(path, w))
            p.start()
            pipes.append(r)
            procs.append(p)
        time.sleep(0.5 + 0.2 * round_)
        for p in procs:
            os.kill(p.pid, signal.SIGKILL)
            p.join()
        for r in pipes:
            while r.poll():
                try:
                    confirmed.append(r.recv())
                except EOFError:
                    break
        try:
            stored = {n.id for n in NoteStore(open_db(path)).iter_notes()}
            handled += 1
        except Exception:
            stored = set()
        lost = len(set(confirmed) - stored)
    row(f"   kill -9 of 2 writers (×5, {len(confirmed)} notes confirmed)", 5, handled, lost)


def main_() -> None:
    for case in (
        case_masking,
        case_amendments,
        case_starts,
        case_full_disk,
        case_damaged,
        case_readonly,
        case_kill,
    ):
        try:
            case()
        except Exception as exc:
            print(f"{case.__name__}: crashed: {exc!r}", file=sys.stderr)
    width = max(len(r[0]) for r in ROWS)
    print(f"{'case':<{width}}  tried  handled  failed  data lost")
    for name, tried, handled, failed, lost in ROWS:
        print(f"{name:<{width}}  {tried:>5}  {handled:>7}  {failed:>6}  {lost:>9}")
    total = Counter()
    for _, tried, handled, failed, lost in ROWS:
        total.update(tried=tried, handled=handled, failed=failed, lost=lost)
    print(
        f"{'total':<{width}}  {total['tried']:>5}  {total['handled']:>7}  {total['failed']:>6}  {total['lost']:>9}"
    )


if __name__ == "__main__":
    main_()
