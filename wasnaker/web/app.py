"""The web app: the officers' pages (sign-in, cases, acts; `wasnaker.web.routes`) and, for the outside world, the
acknowledgement of a notice. `GET /ack/…` shows the letter and a button and records nothing (mail scanners and
link previews open links on their own); only the `POST` of the button does."""

from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from wasnaker import clock
from wasnaker.application import proof_of_service
from wasnaker.domain.errors import DatabaseUnavailable, NotFound, WasnakerError
from wasnaker.runtime import get_runtime
from wasnaker.web import auth, pages
from wasnaker.web.background import Background
from wasnaker.web.limits import BodyTooLarge, LimitBody, too_large_message
from wasnaker.web.routes import acts as act_routes
from wasnaker.web.routes import cases as case_routes
from wasnaker.web.routes import companies as company_routes
from wasnaker.web.routes import figures as figure_routes
from wasnaker.web.routes import performance as performance_routes
from wasnaker.web.routes import session as session_routes
from wasnaker.web.routes import sso as sso_routes
from wasnaker.web.routes import workload as workload_routes
from wasnaker.web.templating import STATIC_DIR, page

HEADERS = {
    "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex",
    "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
}


UNREADABLE = ("Formulir yang dikirim tidak dapat dibaca atau tidak lengkap, dan tidak ada yang tersimpan. Muat ulang "
              "halaman, lalu coba lagi.")


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=HEADERS)


def create_app(runtime=get_runtime, now=clock.now) -> FastAPI:
    """`runtime` and `now` are parameters so tests can give their own database and moment."""
    app = FastAPI(title="wasnaker", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.runtime, app.state.now = runtime, now
    app.state.background = Background()  # embedded mode: letters rendered after the act, off the request
    app.add_middleware(LimitBody, upload_bytes=lambda: runtime().settings.upload_max_bytes)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(session_routes.router)
    app.include_router(company_routes.router)
    app.include_router(act_routes.router)  # /perkara/{number}/aksi/{trigger}; the case page's converter skips it
    app.include_router(case_routes.router)
    app.include_router(sso_routes.router)
    app.include_router(figure_routes.router)
    app.include_router(workload_routes.router)
    app.include_router(performance_routes.router)
    _handlers(app)

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


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(auth.NotSignedIn)
    def not_signed_in(request: Request, exc):
        if request.headers.get("HX-Request"):  # an htmx fragment: the browser goes to the sign-in page
            return JSONResponse({}, status_code=401, headers={"HX-Redirect": "/masuk"})
        return auth.to_sign_in(request)

    @app.exception_handler(DatabaseUnavailable)
    def unavailable(request: Request, exc):
        if request.url.path.startswith("/ack/"):
            return _html(pages.not_recorded(), 503)
        return page(request, "forbidden.html", 503, message="Basis data sedang tidak dapat dihubungi, dan tidak ada "
                    "yang tersimpan. Coba lagi sebentar lagi.")

    @app.exception_handler(auth.CsrfRefused)
    def csrf_refused(request: Request, exc):
        return page(request, "forbidden.html", 403, message="Formulir ini sudah tidak berlaku atau tidak berasal "
                    "dari aplikasi ini. Muat ulang halaman, lalu coba lagi.")

    _form_handlers(app)

    @app.exception_handler(404)
    def not_found(request: Request, exc: HTTPException):
        if request.url.path.startswith(("/ack/", "/static/")):
            return _html(pages.invalid(), 404)
        return page(request, "not_found.html", 404)


def _form_handlers(app: FastAPI) -> None:
    """A body too large, not a form, or not the form's shape: one Indonesian page, nothing done."""

    @app.exception_handler(BodyTooLarge)
    def too_large(request: Request, exc: BodyTooLarge):
        return page(request, "forbidden.html", 413, message=too_large_message(exc.limit))

    @app.exception_handler(400)
    def unreadable(request: Request, exc: HTTPException):
        """A body that is not a form (Starlette's and FastAPI's 400s are English) or one past its limit."""
        if isinstance(exc.__cause__, BodyTooLarge):
            return too_large(request, exc.__cause__)
        if "exceeded maximum size" in str(exc.detail):  # a field of a multipart form past auth.FORM_FIELD_BYTES
            return page(request, "forbidden.html", 413, message=too_large_message(auth.FORM_FIELD_BYTES))
        return page(request, "forbidden.html", 400, message=UNREADABLE)

    @app.exception_handler(RequestValidationError)
    def malformed(request: Request, exc):  # a forged form (a file where text belongs): FastAPI's 422 is English JSON
        return page(request, "forbidden.html", 422, message=UNREADABLE)


app = create_app()
