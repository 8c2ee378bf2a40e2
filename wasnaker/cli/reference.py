"""Reference data commands: init, offices, officers, companies."""

from pathlib import Path

import typer

from wasnaker.cli.common import emit, guarded

company_app = typer.Typer(help="Companies (perusahaan)", no_args_is_help=True)
office_app = typer.Typer(help="Offices (UPTD / Dinas)", no_args_is_help=True)
officer_app = typer.Typer(help="Officers (pegawai)", no_args_is_help=True)


def _rt():
    from wasnaker.runtime import get_runtime

    return get_runtime()


@guarded
def init(seed: bool = typer.Option(True, help="Seed the embedded default office and its officers")):
    """Create the database or upgrade it to this version's schema (idempotent) and, by default, the embedded
    default office and staff."""
    from sqlalchemy.engine import make_url  # imported here, as everywhere in the CLI: `--help` stays quick

    from wasnaker.application.reference import init_database

    rt = _rt()
    upgraded, created = init_database(rt, with_defaults=seed)
    typer.echo(upgraded.summary())
    if seed:
        typer.echo(f"seeded: {', '.join(created) or 'already present'}")
    typer.echo(f"database ready: {make_url(rt.settings.db_url).render_as_string(hide_password=True)}")


@office_app.command("configure")
@guarded
def office_configure(path: Path = typer.Argument(..., help="The office's TOML file "
                                                            "(document_templates/office.example.toml)")):
    """Apply an office's configuration: letterhead, closures, numbering, copy lists, signatories, logo."""
    from wasnaker.application.reference import configure_office

    code = configure_office(_rt(), path)
    typer.echo(f"office {code} configured")


@office_app.command("add")
@guarded
def office_add(code: str = typer.Option(...), name: str = typer.Option(...), province: str = typer.Option(...),
               parent: str = typer.Option(""), city: str = typer.Option(""), address: str = typer.Option(""),
               timezone: str = typer.Option("Asia/Jakarta")):
    """Add an office; `code` is the unit code used in letter numbers."""
    from wasnaker.application.reference import add_office

    add_office(_rt(), code=code, name=name, province=province, parent=parent, city=city, address=address,
               timezone=timezone)
    typer.echo(f"office {code} added")


@officer_app.command("add")
@guarded
def officer_add(office: str = typer.Option(..., help="Office code"), username: str = typer.Option(...),
                name: str = typer.Option(...), nip: str = typer.Option(...), role: str = typer.Option(...),
                rank: str = typer.Option(""), ppns: bool = typer.Option(False), email: str = typer.Option(""),
                by: str = typer.Option("", "--by", help="You, the administrator; required for a head, kadis or "
                                                         "PPNS, and recorded")):
    """Add an officer with a role (desk, inspector, ppns, head, kadis, coordinator). Signing in to the web app is
    given separately: `wasnaker user add USERNAME --by YOU`."""
    from wasnaker.application.reference import add_officer

    add_officer(_rt(), office=office, username=username, name=name, nip=nip, role=role, rank=rank, is_ppns=ppns,
                email=email, by=by)
    typer.echo(f"officer {username} added")


@officer_app.command("list")
@guarded
def officer_list(office: str = typer.Option(None, help="Only this office (its code)"),
                 json_out: bool = typer.Option(False, "--json")):
    """Officers: username (what --by takes), office, role, PPNS, name, who added them."""
    from wasnaker.application.reference import list_officers

    emit(list_officers(_rt(), office), json_out, lambda rows: "\n".join(map(_officer_line, rows)) or "no officers")


def _officer_line(r: dict) -> str:
    added = f"  [added by {r['added_by']}]" if r["added_by"] else ""
    return (f"{r['username']:12} {r['office']:12} {r['role']:12} {'PPNS' if r['ppns'] else '':4} "
            f"{'' if r['active'] else '(inactive) '}{r['name']}{added}")


@company_app.command("add")
@guarded
def company_add(name: str = typer.Option(...), nib: str = typer.Option(..., help="13 digits"),
                npwp: str = typer.Option("", help="15 or 16 digits"), address: str = typer.Option(""),
                email: str = typer.Option(""), kbli: str = typer.Option(""), workforce: int = typer.Option(0),
                head_name: str = typer.Option(""), head_title: str = typer.Option("Pimpinan Perusahaan"),
                json_out: bool = typer.Option(False, "--json")):
    """Register a company (NIB and NPWP are validated)."""
    from wasnaker.application.reference import add_company

    row = add_company(_rt(), name=name, nib=nib, npwp=npwp, address=address, email=email, kbli=kbli,
                      workforce=workforce, head_name=head_name, head_title=head_title)
    emit(row, json_out, lambda r: f"company {r['name']} ({r['nib']}) added")


@company_app.command("list")
@guarded
def company_list(json_out: bool = typer.Option(False, "--json")):
    """Registered companies: NIB (what --company takes), name, NPWP."""
    from wasnaker.application.reference import list_companies

    emit(list_companies(_rt()), json_out, lambda rows: "\n".join(
        f"{r['nib']}  {r['name']}" + (f"  NPWP {r['npwp']}" if r["npwp"] else "") for r in rows) or "no companies")


@company_app.command("import")
@guarded
def company_import(path: Path = typer.Argument(..., exists=True, dir_okay=False)):
    """Import companies from CSV (columns: name,nib,npwp,address,email,kbli,workforce,head_name,head_title).
    All rows or none."""
    from wasnaker.application.reference import import_companies

    typer.echo(f"{import_companies(_rt(), path)} companies imported")
