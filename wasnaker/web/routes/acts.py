"""Every act of the lifecycle as a form: `/aksi/{trigger}` for the acts that open a case (a new complaint, a planned
inspection), `/perkara/{number}/aksi/{trigger}` for an act on a case. The form and its POST are open only to an
officer of the case's office whose role the lifecycle table allows for the trigger in the case's state; the act
itself goes through the one door (`application.acts.perform`), which checks all of it again.

Include this router before the case page's `/perkara/{number:path}`: that route would swallow `/…/aksi/…`."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse

from wasnaker.application import act_forms, acts
from wasnaker.application.accounts import SignedIn
from wasnaker.domain import lifecycle
from wasnaker.domain.errors import CaseChanged, WasnakerError
from wasnaker.domain.vocabulary import ROLE_LABELS, STATE_LABELS, Role, State
from wasnaker.web import auth
from wasnaker.web.form_messages import last_changed, refusal
from wasnaker.web.forms import ACT_DATE, Form, act_date, act_date_widget
from wasnaker.web.templating import page

router = APIRouter()
TITLES = {"file_complaint": "Pengaduan baru", "plan_inspection": "Rencana pemeriksaan"}


class NotOpen(Exception):
    """The act is not open to this officer here (role, or the case's state): answered 403 with the reason."""

    def __init__(self, message: str, by_state: bool = False):
        super().__init__(message)
        self.by_state = by_state  # the case's stage rules it out: someone may have just moved the case on


@router.get("/pengaduan/baru")
def new_complaint():
    return RedirectResponse("/aksi/file_complaint", status_code=303)


@router.get("/pemeriksaan/rencana")
def new_plan():
    return RedirectResponse("/aksi/plan_inspection", status_code=303)


@router.get("/aksi/{trigger}")
def opening_form(request: Request, trigger: str, who: SignedIn = Depends(auth.signed_in)):
    return _guarded(request, who, None, trigger, lambda row: _show(request, who, row, None, None))


@router.post("/aksi/{trigger}")
async def opening_act(request: Request, trigger: str, who: SignedIn = Depends(auth.verified)):
    data = _fields(await auth.form(request))
    return _guarded(request, who, None, trigger, lambda row: _submit(request, who, row, None, data))


@router.get("/perkara/{number:path}/aksi/{trigger}")
def case_form(request: Request, number: str, trigger: str, who: SignedIn = Depends(auth.signed_in)):
    case = _case(request, number, who)
    return _guarded(request, who, case, trigger, lambda row: _show(request, who, row, case, None))


@router.post("/perkara/{number:path}/aksi/{trigger}")
async def case_act(request: Request, number: str, trigger: str, who: SignedIn = Depends(auth.verified)):
    data = _fields(await auth.form(request))
    case = _case(request, number, who)
    expected = _version(data)
    if expected is not None and expected != case["version"] and trigger in lifecycle.TRIGGERS:
        return _stale(request, who, case, trigger, data, expected)
    return _guarded(request, who, case, trigger, lambda row: _submit(request, who, row, case, data))


def _case(request: Request, number: str, who: SignedIn) -> dict:
    """The case as this officer's office sees it; another office's case is a 404, as a missing one is."""
    case = act_forms.case_of_office(auth.runtime(request), number, who.office_id)
    if case is None:
        raise HTTPException(404)
    return case


def _guarded(request: Request, who: SignedIn, case: dict | None, trigger: str, then):
    if trigger not in lifecycle.TRIGGERS:
        raise HTTPException(404)
    try:
        return then(_row(who, case, trigger))
    except NotOpen as exc:
        since = last_changed(act_forms.last_change(auth.runtime(request), case["number"])) if exc.by_state else ""
        return page(request, "forbidden.html", 403, message=f"{exc}{since}", case=case)


def _stale(request: Request, who: SignedIn, case: dict, trigger: str, data: dict, expected: int):
    """A form that showed an older version of the case is refused before its fields are read, whatever they hold
    and whether or not the act is still open: 409 naming who acted since, the typed fields kept when the act can
    still be shown. The door checks the version again under the case lock (a race between this read and it)."""
    exc = act_forms.stale_form(auth.runtime(request), case["number"], expected)
    if exc is None:  # moved back to the version shown? versions only grow; defensive
        return _guarded(request, who, case, trigger, lambda row: _submit(request, who, row, case, data))
    text = refusal(exc)[1]
    try:
        row = _row(who, case, trigger)
    except NotOpen:
        return page(request, "forbidden.html", 409, message=text, case=case)
    return _show(request, who, row, case, data, None, [text], 409)


def _row(who: SignedIn, case: dict | None, trigger: str) -> lifecycle.Transition:
    state = State(case["state"]) if case else None
    row = lifecycle.find(state, trigger)
    if row is None:
        where = f"perkara dalam tahap {STATE_LABELS[state]}" if state else "tanpa perkara"
        raise NotOpen(f"Tindakan ini tidak tersedia untuk {where}.", by_state=case is not None)
    if Role(who.role) not in row.roles:
        roles = ", ".join(sorted(ROLE_LABELS[r] for r in row.roles))
        raise NotOpen(f"Tindakan ini hanya dapat dilakukan oleh {roles}.")
    return row


def _fields(form) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _show(request: Request, who: SignedIn, row, case: dict | None, data: dict | None, form: Form | None = None,
          general: list[str] = (), status: int = 200):
    form = form or Form(row.payload, data)
    today = act_forms.office_today(auth.runtime(request), who.office_id, auth.now(request))
    on_error = form.errors.get(ACT_DATE)
    version = (data or {}).get("expected_version", case["version"] if case else "")
    return page(request, "act_form.html", status, row=row, case=case, title=TITLES.get(row.trigger, row.description),
                widgets=form.widgets(), act_date=act_date_widget(data, today, on_error), summary=form.summary(),
                general=list(general), version=version, action=request.url.path)


def _submit(request: Request, who: SignedIn, row, case: dict | None, data: dict):
    if data.get("_tambah"):  # "Tambah baris": the same form with one more row, nothing recorded
        return _show(request, who, row, case, data)
    form = Form(row.payload, data)
    payload = form.payload()
    on, on_error = act_date(data)
    if on is None and not any(data.get(f"{ACT_DATE}.{p}") for p in ("tanggal", "bulan", "tahun")):
        on, on_error = act_forms.office_today(auth.runtime(request), who.office_id, auth.now(request)), None
    if on_error:
        form.errors[ACT_DATE] = on_error
    if form.errors:
        return _show(request, who, row, case, data, form, status=422)
    try:
        outcome = acts.perform_deferred(
            auth.runtime(request), defer=request.app.state.background, trigger=row.trigger, actor=who.username,
            on=on, now=auth.now(request), case_number=case["number"] if case else None, data=payload,
            expected_version=_version(data) if case else None, channel="web")
    except WasnakerError as exc:
        name, text = refusal(exc)
        if name and name in {w for w in _names(form)}:
            form.errors[name] = text
            return _show(request, who, row, case, data, form, status=422)
        return _show(request, who, row, case, data, form, [text], 409 if isinstance(exc, CaseChanged) else 422)
    return RedirectResponse(f"/perkara/{outcome['case_number']}", status_code=303)


def _names(form: Form) -> set[str]:
    return {ACT_DATE, *(name for name, _label in form.locs.values())}


def _version(data: dict) -> int | None:
    try:
        return int(data.get("expected_version", ""))
    except ValueError:
        return None
