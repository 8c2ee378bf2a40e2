"""Web pages for the outside world: the acknowledgement of a notice. `GET` shows the letter and a button and
records nothing (mail scanners and link previews open links on their own); only the `POST` of the button does."""

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response

from wasnaker import clock
from wasnaker.domain.errors import NotFound, WasnakerError
from wasnaker.runtime import get_runtime
from wasnaker.services import serving, workflow
from wasnaker.web import pages

HEADERS = {
    "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex",
    "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
}


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=HEADERS)


def create_app(runtime=get_runtime, now=clock.now) -> FastAPI:
    """`runtime` and `now` are parameters so tests can give their own database and moment."""
    app = FastAPI(title="wasnaker", docs_url=None, redoc_url=None, openapi_url=None)

    def secret() -> str:
        return runtime().settings.secret_key.get_secret_value()

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.get("/ack/{token}", response_class=HTMLResponse)
    def show(token: str) -> HTMLResponse:
        try:
            with runtime().session() as session:
                return _html(pages.confirm(serving.ack_view(session, token, secret())))
        except NotFound:
            return _html(pages.invalid(), 404)

    @app.get("/ack/{token}/surat.pdf")
    def letter(token: str) -> Response:
        rt = runtime()
        try:
            with rt.session() as session:
                name, path = serving.letter_file(session, token, secret())
            pdf = rt.store.get(path)
        except (NotFound, OSError):
            return _html(pages.invalid(), 404)
        return Response(pdf, media_type="application/pdf",
                        headers={**HEADERS, "Content-Disposition": f'inline; filename="{name}"'})

    @app.post("/ack/{token}", response_class=HTMLResponse)
    def confirm(token: str) -> HTMLResponse:
        rt = runtime()
        try:
            result = workflow.acknowledge(rt, token, now())
            with rt.session() as session:
                view = serving.ack_view(session, token, secret())
            return _html(pages.received(view, again=result["result"] == "already recorded"))
        except NotFound:
            return _html(pages.invalid(), 404)
        except WasnakerError:  # e.g. the case moved on meanwhile: an officer records the receipt by hand
            return _html(pages.not_recorded(), 409)

    return app


app = create_app()
