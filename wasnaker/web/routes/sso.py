"""Single sign-on through the office's OpenID Connect provider (WASNAKER_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET):
`/masuk/sso` sends the officer there, `/masuk/sso/kembali` brings them back signed in — the same server-side
session as a password gives. The provider's `sub` claim is the key: it must be the single sign-on subject an
administrator gave the officer's user (`wasnaker user add USERNAME --oidc-subject SUB`); anyone else is refused
and nothing is created. Both routes are 404 while single sign-on is not configured."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse

from wasnaker.application import accounts
from wasnaker.web import auth
from wasnaker.web.routes.session import HOME, _safe_next
from wasnaker.web.templating import page

router = APIRouter()
ATTEMPT_COOKIE = "wasnaker_sso"
ATTEMPT_PATH = "/masuk/sso"  # the cookie travels to these two routes only

EXPIRED = "Permintaan masuk melalui SSO sudah kedaluwarsa atau tidak berasal dari peramban ini. Silakan coba lagi."
FAILED = ("Penyedia identitas (SSO) tidak dapat memastikan identitas Anda saat ini. Coba lagi, atau masuk dengan "
          "nama pengguna dan kata sandi.")
DENIED = "Masuk melalui SSO dibatalkan atau ditolak oleh penyedia identitas."
UNKNOWN = ("Akun SSO Anda belum terhubung dengan pengguna wasnaker mana pun. Minta administrator kantor Anda "
           "mendaftarkannya dengan subjek: {subject}")


def _enabled(request: Request):
    rt = auth.runtime(request)
    if not accounts.sso_enabled(rt):
        raise HTTPException(404)
    return rt


def _return_uri(request: Request) -> str:
    return str(request.url_for("sso_return"))


def _refused(request: Request, status: int, error: str):
    response = page(request, "sign_in.html", status, next=HOME, username="", error=error, sso=True)
    response.delete_cookie(ATTEMPT_COOKIE, path=ATTEMPT_PATH)
    return response


@router.get("/masuk/sso")
def sso_start(request: Request, next: str | None = None):
    rt = _enabled(request)
    try:
        url, sealed = accounts.sso_start(rt, _return_uri(request), _safe_next(next), auth.now(request))
    except accounts.SsoFailed:
        return _refused(request, 502, FAILED)
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(ATTEMPT_COOKIE, sealed, max_age=accounts.SSO_MAX_SECONDS, path=ATTEMPT_PATH, httponly=True,
                        samesite="lax", secure=rt.settings.secure_cookies)
    return response


@router.get("/masuk/sso/kembali", name="sso_return")
def sso_return(request: Request, state: str = "", code: str = "", error: str = ""):
    rt = _enabled(request)
    if error or not code:
        return _refused(request, 401, DENIED)
    try:
        token, _who, target = accounts.sso_finish(
            rt, request.cookies.get(ATTEMPT_COOKIE), state, code, _return_uri(request),
            address=request.client.host if request.client else "", user_agent=request.headers.get("user-agent", ""),
            now=auth.now(request))
    except accounts.SsoExpired:
        return _refused(request, 400, EXPIRED)
    except accounts.SsoUnknownSubject as exc:
        return _refused(request, 403, UNKNOWN.format(subject=exc.subject))
    except accounts.SsoFailed:
        return _refused(request, 502, FAILED)
    response = RedirectResponse(_safe_next(target), status_code=303)
    response.delete_cookie(ATTEMPT_COOKIE, path=ATTEMPT_PATH)
    auth.set_session_cookie(response, token, rt.settings)
    return response
