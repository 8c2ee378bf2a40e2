"""The officers' pages: one Jinja2 environment (autoescaping every .html template), the Indonesian formatting
filters of the letters, and the security headers every page carries."""

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from wasnaker.adapters.rendering import FILTERS
from wasnaker.application.timeline import flow_runs_url
from wasnaker.domain.vocabulary import ROLE_LABELS, STATE_LABELS, Role, State

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters.update(FILTERS)
templates.env.filters["role_label"] = lambda role: ROLE_LABELS[Role(role)]
templates.env.filters["state_label"] = lambda state: STATE_LABELS[State(state)] if state else ""


def runs_url(request: Request, number: str) -> str | None:
    """Where the Prefect UI lists a case's runs (its stage and deadline runs); None without a Prefect server."""
    return flow_runs_url(request.app.state.runtime().settings, number)


templates.env.globals["runs_url"] = runs_url
# a drill-down lists at most this many rows (its count covers all): 30,000 rows of HTML took 1.3 s to render at
# 100,000 cases (bench/results/figures.md) and no one reads them on a page
templates.env.globals["page_rows"] = 500

PAGE_HEADERS = {
    "Cache-Control": "no-store", "Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # every script and style is a file of this app (htmx, pico): no inline script, nothing from elsewhere
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
}


def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    """A page of the app; `who` (the signed-in officer, if any) and its CSRF token are in every template."""
    who = getattr(request.state, "who", None)
    response = templates.TemplateResponse(request, name, {"who": who, "csrf_token": who.csrf_token if who else "",
                                                          **context}, status_code=status)
    response.headers.update(PAGE_HEADERS)
    return response
