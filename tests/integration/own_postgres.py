"""A PostgreSQL server of a test's own: initdb on a free port, so stopping it disturbs nothing else."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.integration.conftest import free_port

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


class OwnPostgres:
    """A throwaway PostgreSQL cluster (trust auth, no fsync) that the test may stop and start at will."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="wasnaker-pg-"))
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/wasnaker"
        as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if as_user:
            shutil.chown(self.root, "postgres")
        self.as_user = as_user
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        self.start()
        subprocess.run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                        "wasnaker"], check=True)

    @property
    def data(self) -> str:
        return str(self.root / "data")

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([*self.as_user, str(PG_BIN / program), *args], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", self.data, "-o", options, "-l", str(self.root / "log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        subprocess.run([*self.as_user, str(PG_BIN / "pg_ctl"), "-D", self.data, "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)
