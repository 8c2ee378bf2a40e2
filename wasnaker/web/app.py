"""Web pages for the outside world: the acknowledgement of a notice. `GET` shows the letter and a button and
records nothing (mail scanners and link previews open links on their own); only the `POST` of the button does."""

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response

from wasnaker import clock
from wasnaker.application import proof_of_service
from wasnaker.domain.errors import NotFound, WasnakerError
from wasnaker.runtime import get_runtime
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

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.get("/ack/{token}", response_class=HTMLResponse)
    def show(token: str) -> HTMLResponse:
        try:
            return _html(pages.confirm(proof_of_service.ack_view(runtime(), token)))
        except NotFound:
            return _html(pages.invalid(), 404)

    @app.get("/ack/{token}/surat.pdf")
    def letter(token: str) -> Response:
        try:
            name, pdf = proof_of_service.letter(runtime(), token)
        except (NotFound, OSError):
            return _html(pages.invalid(), 404)
        return Response(pdf, media_type="application/pdf",
                        headers={**HEADERS, "Content-Disposition": f'inline; filename="{name}"'})

    @app.post("/ack/{token}", response_class=HTMLResponse)
    def confirm(token: str) -> HTMLResponse:
        rt = runtime()
        try:
            result = proof_of_service.acknowledge(rt, token, now())
            view = proof_of_service.ack_view(rt, token)
            return _html(pages.received(view, again=result["result"] == "already recorded"))
        except NotFound:
            return _html(pages.invalid(), 404)
        except WasnakerError:  # e.g. the case moved on meanwhile: an officer records the receipt by hand
            return _html(pages.not_recorded(), 409)

    return app


app = create_app()
