"""Case commands: apply any trigger of the lifecycle table, file complaints, list and show cases."""

import typer

from wasnaker.cli.common import emit, guarded, parse_data, parse_date, warn
from wasnaker.domain.lifecycle import text_fields

case_app = typer.Typer(help="Cases", no_args_is_help=True)
complaint_app = typer.Typer(help="Complaints (pengaduan)", no_args_is_help=True)


def _advance(trigger, by, on, case, data, json_out, render=True, expected_version=None, late_reason=None):
    from wasnaker import clock
    from wasnaker.application import acts
    from wasnaker.runtime import get_runtime

    rt = get_runtime()
    day = parse_date(on, rt.settings.timezone)
    kwargs = dict(trigger=trigger, actor=by, on=day, now=clock.now(), case_number=case, data=data,
                  expected_version=expected_version, late_reason=late_reason)
    result = acts.perform(rt, **kwargs) if render else acts.record(rt, **kwargs)
    emit(result, json_out, _human)
    warn(result)


def _human(r: dict) -> str:
    head = f"{r['case_number']}: {r['from_state'] or '(new)'} -> {r['to_state']} ({r['trigger']})"
    docs = [f"  {d['number']}  {d['path']}" if isinstance(d, dict) else f"  document #{d}" for d in r["documents"]]
    if r.get("stage_run"):
        docs.append(f"  documents render in the background: Prefect flow run {r['stage_run']}")
    return "\n".join([head, *docs])


@guarded
def apply(trigger: str = typer.Argument(..., help="A trigger of the lifecycle table (wasnaker lifecycle show)"),
          case: str = typer.Option(None, "--case", "-c", help="Case number (omit for file_complaint/plan_inspection)"),
          by: str = typer.Option(..., "--by", help="Username of the acting officer"),
          on: str = typer.Option(None, "--on", help="Date the act happened (YYYY-MM-DD); default today"),
          data: list[str] = typer.Option(None, "--data", "-d", help="key=value (value as JSON when it parses)"),
          data_json: str = typer.Option(None, "--data-json", help="All data as one JSON object"),
          no_render: bool = typer.Option(False, "--no-render", help="Record only; render later"),
          expected_version: int = typer.Option(None, "--expected-version", min=0,
                                               help="The case version you decided on (`case show --json`); "
                                                    "refused when someone acted on the case since"),
          late_reason: str = typer.Option(None, "--late-reason",
                                          help="Why the act is recorded late: lets its letter be numbered after a "
                                               "later-dated one of its series; kept in the audit trail"),
          json_out: bool = typer.Option(False, "--json")):
    """Apply a trigger to a case: checks state, role, dates, data and guard; writes nothing on error."""
    _advance(trigger, by, on, case, parse_data(data, data_json, text_fields(trigger)), json_out, render=not no_render,
             expected_version=expected_version, late_reason=late_reason)


@complaint_app.command("file")
@guarded
def file_complaint(company: str = typer.Option(..., "--company", help="Company NIB"),
                   complainant: str = typer.Option(..., "--complainant"),
                   summary: str = typer.Option(..., "--summary"),
                   contact: str = typer.Option("", "--contact"),
                   channel: str = typer.Option("walk-in", "--channel"),
                   norm: list[str] = typer.Option(None, "--norm"),
                   by: str = typer.Option(..., "--by"), on: str = typer.Option(None, "--on"),
                   json_out: bool = typer.Option(False, "--json")):
    """Register a complaint: opens a case and issues the Tanda Terima Pengaduan."""
    data = {"company_nib": company, "complainant_name": complainant, "summary": summary,
            "complainant_contact": contact, "channel": channel, "norms": norm or []}
    _advance("file_complaint", by, on, None, data, json_out)


@case_app.command("list")
@guarded
def case_list(state: str = typer.Option(None, "--state"), json_out: bool = typer.Option(False, "--json")):
    """Cases with their state."""
    from wasnaker.application.cases import list_cases
    from wasnaker.runtime import get_runtime

    rows = list_cases(get_runtime(), state)
    emit(rows, json_out, lambda rs: "\n".join(
        f"{r['number']:28} {r['state']:26} {r['close_reason'] or '':22} {r['company']}" for r in rs) or "no cases")


@case_app.command("show")
@guarded
def case_show(number: str, json_out: bool = typer.Option(False, "--json")):
    """One case: state, findings, timers, documents, audit trail, and the triggers available next."""
    from wasnaker.application.cases import show_case
    from wasnaker.runtime import get_runtime

    case = show_case(get_runtime(), number)
    emit(case, json_out, _human_case)


def _human_case(c: dict) -> str:
    lines = [f"{c['number']}  {c['company']}  [{c['state']}] {c['label']}"
             + (f" — {c['close_label']}" if c["close_label"] else "")]
    lines += [f"  finding {f['no']}: {f['article']} ({f['status']})" for f in c["findings"]]
    lines += [f"  timer {t['kind']}: {t['status']}, due {t['due'] or '-'}" for t in c["timers"]]
    lines += [f"  document {d['kind']}: {d['number'] or '(draft)'} {d['path'] or ''}" for d in c["documents"]]
    lines += [f"  notice {n['id']} to {n['to']} ({n['channel']}): {n['status']}"
              + (f", received {n['served_on']} ({n['service_method']})" if n["served_on"] else "")
              + (f" — {n['last_error']}" if n["last_error"] else "") for n in c["notices"]]
    lines += [f"  {e['on']} {e['actor']:8} {e['trigger']} -> {e['to']}" for e in c["events"]]
    lines.append("  next: " + (", ".join(c["next"]) or "-") + f"  (version {c['version']})")
    return "\n".join(lines)
