"""`wasnaker notices`: the outbox — list, send, record proof of service, the daily digest."""

import typer

from wasnaker.cli.common import as_of_moment, emit, guarded, parse_choice, parse_date, warn
from wasnaker.domain.notices import NoticeStatus, ServiceMethod

BY_AN_OFFICER = (ServiceMethod.hand, ServiceMethod.post)  # e-mail receipts come from the acknowledgement page
notices_app = typer.Typer(help="Notices to companies and others: delivery and proof of service", no_args_is_help=True)


@notices_app.command("list")
@guarded
def notices_list(case: str = typer.Option(None, "--case"), status: str = typer.Option(
                     None, help=" | ".join(NoticeStatus)),
                 to: str = typer.Option(None, "--to", help="a recipient: e-mail address or officer username"),
                 json_out: bool = typer.Option(False, "--json")):
    """Notices with their delivery status, attempts and proof of service."""
    from wasnaker.application.notices import list_notices
    from wasnaker.runtime import get_runtime

    rows = list_notices(get_runtime(), case_number=case, status=parse_choice(status, NoticeStatus, "--status"),
                        recipient=to)
    emit(rows, json_out, lambda rs: "\n".join(
        f"{r['id']:>4} {r['status']:16} {r['channel']:6} {r['to'][:34]:34} {r['subject'][:60]}"
        + (f"  received {r['served_on']} ({r['service_method']})" if r["served_on"] else "")
        + (f"  [{r['last_error'][:60]}]" if r["last_error"] else "") for r in rs) or "no notices")


@notices_app.command("send")
@guarded
def notices_send(as_of: str = typer.Option(None, "--as-of", help="YYYY-MM-DD (start of day); default: now"),
                 json_out: bool = typer.Option(False, "--json")):
    """Send every e-mail notice whose turn has come (needs WASNAKER_SMTP_HOST)."""
    from wasnaker.application.notices import deliver
    from wasnaker.runtime import get_runtime

    rt = get_runtime()
    moment = as_of_moment(as_of, rt.settings.timezone)  # a wrong date is the one line printed, before any warning
    if rt.sender is None:
        typer.echo("no SMTP server configured (WASNAKER_SMTP_HOST): notices wait in the outbox", err=True)
    result = deliver(rt, moment)
    emit(result, json_out, lambda r: "\n".join(
        f"notice {n['notice']} to {n['to']}: {n['outcome']}" + (f" ({n['error']})" if n["error"] else "")
        for n in r["notices"]) or "nothing to send")


@notices_app.command("serve")
@guarded
def notices_serve(notice: int = typer.Argument(..., help="Notice id (wasnaker notices list)"),
                  received_on: str = typer.Option(..., "--received-on", help="YYYY-MM-DD from the tanda terima "
                                                  "or the registered-post receipt"),
                  method: str = typer.Option(ServiceMethod.hand, help=" | ".join(BY_AN_OFFICER)),
                  by: str = typer.Option(..., "--by", help="Officer recording it"),
                  reason: str = typer.Option(None, help="Why a recorded receipt date changes")):
    """Record when a notice was received; the deadlines of its letter run from that date."""
    from wasnaker import clock
    from wasnaker.application.proof_of_service import serve_notice
    from wasnaker.domain.errors import InvalidData
    from wasnaker.runtime import get_runtime

    if method not in BY_AN_OFFICER:
        raise InvalidData(f"--method {method!r}: hand or post (e-mail receipts come from the acknowledgement page)")
    rt = get_runtime()
    result = serve_notice(rt, notice, received_on=parse_date(received_on, rt.settings.timezone),
                          method=ServiceMethod(method), actor=by, now=clock.now(), reason=reason)
    typer.echo(f"notice {result['notice']}: received {result['served_on']} ({result['method']}), {result['result']}")
    warn(result)


@notices_app.command("digest")
@guarded
def notices_digest(as_of: str = typer.Option(None, "--as-of", help="YYYY-MM-DD (start of day); default: now"),
                   json_out: bool = typer.Option(False, "--json")):
    """Compose today's digest of due and overdue deadlines for every officer, and send it."""
    from wasnaker.application.notices import daily_digest
    from wasnaker.runtime import get_runtime

    rt = get_runtime()
    result = daily_digest(rt, as_of_moment(as_of, rt.settings.timezone))
    emit(result, json_out, lambda r: "\n".join(
        f"digest for {d['to']}: {d['items']} item(s) ({d['channel']})" for d in r["digests"]) or "nothing due")
