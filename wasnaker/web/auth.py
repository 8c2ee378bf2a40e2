"""Who is signed in, and the checks every officer's page and act goes through: a valid server-side session
(idle and absolute timeouts), and on every state-changing request the session's CSRF token."""

import secrets

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse

from wasnaker.application import accounts
from wasnaker.application.accounts import SignedIn

COOKIE = "wasnaker_sesi"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
# Per form field. A text pasted by mistake (a megabyte or so) must reach the forms' own length checks, which answer
# in Indonesian beside the field; Starlette's default of 1 MiB answers a bare 400 in English instead.
FORM_FIELD_BYTES = 4 * 1024 * 1024


class NotSignedIn(Exception):
    """Raised by `signed_in`; the app answers with the sign-in page (or 401 for htmx requests)."""


class CsrfRefused(Exception):
    """A state-changing request without this session's token: answered 403, nothing done."""


def runtime(request: Request):
    return request.app.state.runtime()


def now(request: Request):
    return request.app.state.now()


def signed_in(request: Request) -> SignedIn:
    who = accounts.current(runtime(request), request.cookies.get(COOKIE), now(request))
    if who is None:
        raise NotSignedIn()
    request.state.who = who
    return who


async def form(request: Request):
    """The request's form (parsed once, then cached by Starlette), with the field limit above."""
    return await request.form(max_part_size=FORM_FIELD_BYTES)


async def verified(request: Request, who: SignedIn = Depends(signed_in)) -> SignedIn:
    """The signed-in officer of a POST that carries this session's CSRF token (form field or header)."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        sent = (await form(request)).get(CSRF_FIELD)
    # bytes, not str: compare_digest refuses non-ASCII text with a TypeError, and a forged token may carry some
    if not isinstance(sent, str) or not secrets.compare_digest(sent.encode(), who.csrf_token.encode()):
        raise CsrfRefused()
    return who


def set_session_cookie(response, token: str, settings) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="lax", secure=settings.secure_cookies,
                        max_age=settings.session_max_hours * 3600, path="/")


def to_sign_in(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/masuk?next={target}" if target.startswith("/") else "/masuk", status_code=303)
