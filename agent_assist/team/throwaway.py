"""A throwaway PostgreSQL cluster for tests and the benchmark (never for a centre's data).

``initdb`` into a temp dir, ``pg_ctl start`` on a free loopback port with its unix socket in /tmp,
trust on the socket and scram passwords on 127.0.0.1 (so the wrong-password path can be tested).
PostgreSQL refuses to run as root, so when we are root the server runs as the ``postgres`` user
(``runuser``); the data dir is then owned by it. ``stop()`` removes everything.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def pg_bindir() -> Path | None:
    """The newest installed server's bin dir (Debian layout first, then ``pg_config``)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidate = Path(out.stdout.strip())
        if (candidate / "initdb").exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    bindir: Path
    root: Path
    sockdir: Path
    port: int
    as_user: str | None  # run the server tools as this user (root cannot run postgres)
    durable: bool = False  # fsync on (benchmarks); tests skip it for speed

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def dsn(self) -> str:
        """Superuser over the unix socket (trust)."""
        return f"host={self.sockdir} port={self.port} user=postgres dbname=postgres"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check)

    def start(self) -> None:
        opts = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.sockdir} -c max_connections=300 "
            "-c shared_buffers=128MB"
        )
        if not self.durable:
            opts += " -c fsync=off -c full_page_writes=off"
        self._run(
            "pg_ctl", "start", "-w", "-D", str(self.data), "-l", str(self.root / "log"), "-o", opts
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "stop", "-w", "-m", mode, "-D", str(self.data), check=False)

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.rmtree(self.sockdir, ignore_errors=True)


def start_cluster(durable: bool = False) -> Cluster:
    """Create and start a cluster; raises RuntimeError saying why when it cannot."""
    bindir = pg_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server binaries (initdb) found")
    as_user = None
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            raise RuntimeError("running as root and runuser is missing (postgres refuses root)")
        as_user = "postgres"
    root = Path(tempfile.mkdtemp(prefix="aa-pg-"))
    sockdir = Path(tempfile.mkdtemp(prefix="aa-pgsock-", dir="/tmp"))
    if as_user:
        shutil.chown(root, as_user)
        shutil.chown(sockdir, as_user)
    cluster = Cluster(bindir, root, sockdir, free_port(), as_user, durable)
    try:
        cluster._run(
            "initdb",
            "-D",
            str(cluster.data),
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-locale",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
        )
        cluster.start()
    except subprocess.CalledProcessError as exc:
        cluster.destroy()
        raise RuntimeError(f"could not start PostgreSQL: {exc.stderr or exc.stdout}") from None
    return cluster
