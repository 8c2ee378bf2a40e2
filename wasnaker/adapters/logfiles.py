"""Bounded log files for `wasnaker up`: each child writes its output to `home/logs/<name>.log`, opened for
appending, for as long as the system runs (months). A file grown past its limit is copied to `<name>.log.1`
(older copies shifted to .2, .3, ...; the oldest beyond `backups` dropped) and truncated in place: the child keeps
its open file and, appending, writes on at the start of the emptied one (what logrotate calls copytruncate). A
line written between the copy and the truncation can be lost; the child needs no signal and no restart."""

import shutil
from pathlib import Path


def _backup(log: Path, n: int) -> Path:
    return log.with_name(f"{log.name}.{n}")


def rotate(log: Path, max_bytes: int, backups: int) -> bool:
    """Rotate one log file if it is larger than `max_bytes`; True if it was."""
    try:
        if log.stat().st_size <= max_bytes:
            return False
    except FileNotFoundError:
        return False
    _backup(log, backups).unlink(missing_ok=True)
    for n in range(backups - 1, 0, -1):
        if _backup(log, n).exists():
            _backup(log, n).replace(_backup(log, n + 1))
    shutil.copyfile(log, _backup(log, 1))
    with log.open("r+b") as f:
        f.truncate(0)
    return True


def rotate_all(log_dir: Path, max_bytes: int, backups: int) -> list[str]:
    """Every `*.log` of the folder past its limit rotated; the names of those that were."""
    if not log_dir.is_dir():
        return []
    return [log.name for log in sorted(log_dir.glob("*.log")) if rotate(log, max_bytes, backups)]
