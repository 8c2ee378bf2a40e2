"""The demo's sign-ins: each officer of the demo office gets a user whose password is generated when the demo is
loaded, printed once and kept in WASNAKER_HOME/demo-logins.txt (readable by its owner only). Nothing else in
wasnaker creates a user with a password anyone knows in advance: real offices add theirs with `wasnaker user add`."""

import os
import secrets
from datetime import datetime
from pathlib import Path

from wasnaker.application import accounts, reference
from wasnaker.defaults import DEFAULT_OFFICE

FILE_NAME = "demo-logins.txt"
HEADER = "# wasnaker demo sign-ins (generated when the demo was loaded; for trying the demo only)\n"


def create_logins(rt, now: datetime) -> list[dict]:
    """A user with a fresh random password for every active officer of the demo office who has none yet; their
    username, role and password (added by "demo"), also appended to the home's demo-logins.txt."""
    have = {u["username"] for u in accounts.list_users(rt)}
    made = []
    for officer in reference.list_officers(rt, DEFAULT_OFFICE["code"]):
        if officer["active"] and officer["username"] not in have:
            password = secrets.token_urlsafe(9)  # 12 characters, 72 bits
            accounts.add_user(rt, officer["username"], password, by="demo", now=now)
            made.append({"username": officer["username"], "role": officer["role"], "password": password})
    if made:
        _append(logins_path(rt), made)
    return made


def logins_path(rt) -> Path:
    return rt.settings.home / FILE_NAME


def lines(logins: list[dict]) -> list[str]:
    return [f"{row['username']:10} {row['role']:12} {row['password']}" for row in logins]


def _append(path: Path, logins: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.fchmod(fd, 0o600)  # a file left from before keeps no wider mode
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write((HEADER + f"{'username':10} {'role':12} password\n" if fresh else "") + "\n".join(lines(logins))
                 + "\n")


def read_logins(rt) -> str:
    """The demo-logins file's text, or "" when the demo was never loaded in this home."""
    path = logins_path(rt)
    return path.read_text(encoding="utf-8") if path.exists() else ""


def sign_in_text(rt, demo: bool) -> str:
    """The end of `wasnaker up`'s message: where officers sign in and, with the demo, the demo's sign-ins."""
    address = f"http://127.0.0.1:{rt.settings.web_port}/masuk"
    if not demo:
        return f"\nOfficers sign in at {address} (give each a sign-in: wasnaker user add USERNAME --by YOU)."
    logins = read_logins(rt)
    if not logins:
        return (f"\nOfficers sign in at {address}. This home had cases before the demo, so no demo sign-ins were "
                "made: wasnaker user add USERNAME --by YOU.")
    return (f"\nOfficers' web app: {address}\nDemo sign-ins (also in {logins_path(rt)}):\n"
            + "\n".join(line for line in logins.splitlines() if not line.startswith("#")))
