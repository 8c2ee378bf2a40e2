"""Sign in and sign out."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from wasnaker.application import accounts
from wasnaker.web import auth
from wasnaker.web.templating import page

router = APIRouter()
HOME = "/perkara"
NAME_SHOWN = 300  # a refused name is shown back to correct, but not a pasted megabyte of it


def _safe_next(target: str | None) -> str:
    """Only a path of this app: never another site (`//host`, `https://…`)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return HOME


def _form(request: Request, status: int = 200, **context):
    """The sign-in page; its single sign-on button only when a provider is configured."""
    return page(request, "sign_in.html", status, sso=accounts.sso_enabled(auth.runtime(request)), **context)


@router.get("/masuk")
def sign_in_form(request: Request, next: str | None = None):
    return _form(request, next=_safe_next(next), username="", error=None)


@router.post("/masuk")
async def sign_in(request: Request):
    form = await auth.form(request)  # the forms' own field limit: a pasted megabyte is told beside the field
    username, password, next = (_text(form, "username", ""), _text(form, "password", ""), _text(form, "next", HOME))
    rt = auth.runtime(request)
    settings = rt.settings
    try:
        token, _who = await run_in_threadpool(  # the password's hash takes its time off the event loop
            accounts.sign_in, rt, username.strip(), password, address=request.client.host if request.client else "",
            user_agent=request.headers.get("user-agent", ""), now=auth.now(request))
    except accounts.SignInLocked:
        error = (f"Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah {settings.sign_in_lock_minutes} "
                 "menit.")
        return _form(request, 429, next=_safe_next(next), username=username[:NAME_SHOWN], error=error)
    except accounts.SignInRefused:
        return _form(request, 401, next=_safe_next(next), username=username[:NAME_SHOWN],
                     error="Nama pengguna atau kata sandi salah.")
    response = RedirectResponse(_safe_next(next), status_code=303)
    auth.set_session_cookie(response, token, settings)
    return response


def _text(form, name: str, default: str) -> str:
    value = form.get(name, default)
    return value if isinstance(value, str) else default


@router.post("/keluar")
def sign_out(request: Request, who=Depends(auth.verified)):
    accounts.sign_out(auth.runtime(request), request.cookies.get(auth.COOKIE), auth.now(request))
    response = RedirectResponse("/masuk", status_code=303)
    response.delete_cookie(auth.COOKIE, path="/")
    return response
