"""Perkara saya (the worklist), the case page, an issued document's PDF and a notice's detail. Every read goes
through `application.casework`, scoped to who is signed in: another office's case, document or notice is the same
404 as an unknown one.

A case number holds slashes (`WAS/UPTD-WIL.I/2026/0001`), so the case page takes the rest of the path; its
converter `case` stops before a segment `aksi`, so `/perkara/{number}/aksi/{trigger}` (the act forms) is never
swallowed by the case page, whichever router is included first."""

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.convertors import Convertor, register_url_convertor

from wasnaker.application import casework
from wasnaker.application.accounts import SignedIn
from wasnaker.domain.errors import InvalidData, NotFound
from wasnaker.web import auth
from wasnaker.web.templating import page

ACT_SEGMENT = "aksi"


class CaseNumber(Convertor):
    """One or more path segments, none of them `aksi`."""

    regex = rf"(?:(?!{ACT_SEGMENT}(?:/|$))[^/]+)(?:/(?!{ACT_SEGMENT}(?:/|$))[^/]+)*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


class RowId(Convertor):
    """A row's id: at most 18 digits, so it fits the database's 64-bit integer; a longer number is no row (404),
    not a driver's overflow (500)."""

    regex = "[0-9]{1,18}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("case", CaseNumber())
register_url_convertor("row", RowId())
router = APIRouter()


@router.get("/perkara")
def worklist(request: Request, state: str | None = None, stage: str | None = None, q: str | None = None,
             who: SignedIn = Depends(auth.signed_in)):
    found = casework.worklist(auth.runtime(request), who, auth.now(request), state=state, stage=stage, text=q)
    template = "_case_table.html" if request.headers.get("HX-Request") else "worklist.html"
    return page(request, template, **found, states=casework.STATE_CHOICES, stages=casework.STAGE_CHOICES)


@router.get("/perkara/{number:case}")
def case(request: Request, number: str, who: SignedIn = Depends(auth.signed_in)):
    try:
        found = casework.case_page(auth.runtime(request), who, number, auth.now(request))
    except NotFound:
        raise HTTPException(404) from None
    return page(request, "case.html", case=found)


@router.get("/dokumen/{doc_id:row}.pdf")
def document(request: Request, doc_id: int, who: SignedIn = Depends(auth.signed_in)):
    try:
        name, pdf = casework.document_pdf(auth.runtime(request), who, doc_id)
    except (NotFound, OSError):
        raise HTTPException(404) from None
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}"', "Cache-Control": "no-store",
                             "X-Content-Type-Options": "nosniff"})


@router.get("/pemberitahuan/{notice_id:row}")
def notice(request: Request, notice_id: int, who: SignedIn = Depends(auth.signed_in)):
    try:
        found = casework.notice(auth.runtime(request), who, notice_id)
    except NotFound:
        raise HTTPException(404) from None
    return page(request, "_case_notice.html", notice=found)


SCAN_MESSAGES = (("no file", "Pilih berkas pindaian yang akan diunggah."),
                 ("empty", "Berkas kosong."), ("larger than", "Berkas terlalu besar."),
                 ("PDF, JPEG or PNG", "Pindaian bertanda tangan harus berupa berkas PDF, JPEG, atau PNG."),
                 ("not what it claims", "Isi berkas tidak sesuai dengan nama atau jenisnya."),
                 ("not a readable", "Berkas rusak atau tidak dapat dibaca."),
                 ("only an issued letter", "Hanya surat yang sudah terbit yang dapat diberi pindaian."),
                 ("coordinator", "Koordinator hanya membaca perkara."))


@router.post("/dokumen/{doc_id:row}/pindaian")
async def upload_scan(request: Request, doc_id: int, berkas: UploadFile | None = File(None),
                      who: SignedIn = Depends(auth.verified)):
    """The signed scan of an issued letter, kept beside its PDF; it never replaces the PDF. A refused file is told
    beside the letter's upload field, on its case page."""
    rt = auth.runtime(request)
    try:
        number = casework.document_case_number(rt, who, doc_id)
        if berkas is None:
            raise InvalidData("no file: choose the file of the signed scan")
        data = await berkas.read(rt.settings.upload_max_bytes + 1)
        casework.attach_scan(rt, who, doc_id, data, berkas.filename or "", berkas.content_type, auth.now(request))
    except NotFound:
        raise HTTPException(404) from None
    except InvalidData as exc:
        message = next((m for marker, m in SCAN_MESSAGES if marker in str(exc)), "Berkas ditolak.")
        found = casework.case_page(rt, who, number, auth.now(request))
        return page(request, "case.html", 422, case=found, scan_error=(doc_id, f"Pindaian tidak disimpan: {message}"))
    return RedirectResponse(f"/perkara/{number}#dokumen", status_code=303)


@router.get("/pindaian/{scan_id:row}")
def scan(request: Request, scan_id: int, who: SignedIn = Depends(auth.signed_in)):
    try:
        name, media_type, data = casework.scan_file(auth.runtime(request), who, scan_id)
    except (NotFound, OSError):
        raise HTTPException(404) from None
    return Response(data, media_type=media_type,
                    headers={"Content-Disposition": f'inline; filename="{name}"', "Cache-Control": "no-store",
                             "X-Content-Type-Options": "nosniff"})
