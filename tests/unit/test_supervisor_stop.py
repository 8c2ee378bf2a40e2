"""`wasnaker up` leaves no process behind when Ctrl-C comes while it is still starting: after the server and the
runners are up but before it watches them (scheduling the deadline runs, printing the addresses), the interrupt
stops them, runners before the server, and goes on up (which stops the web pages and the mail catcher)."""

from types import SimpleNamespace

import pytest

from wasnaker import supervisor


def test_an_interrupt_after_the_runners_started_stops_them_and_the_server(monkeypatch, tmp_path):
    server, runner = SimpleNamespace(name="server"), SimpleNamespace(name="runner")
    stopped = []
    monkeypatch.setattr(supervisor, "start_server", lambda *a, **k: server)
    monkeypatch.setattr(supervisor, "bring_up", lambda *a, **k: [k["server"], runner])
    monkeypatch.setattr(supervisor, "stop", lambda processes: stopped.append([p.name for p in processes]))

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(supervisor, "_announce", interrupted)
    rt = SimpleNamespace(settings=SimpleNamespace(home=tmp_path, timezone="Asia/Jakarta"))
    with pytest.raises(KeyboardInterrupt):
        supervisor._bring_up_system(rt, demo=False, outward_env={})
    assert stopped == [["runner", "server"]]
