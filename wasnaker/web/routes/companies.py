"""The company register (perusahaan): search by NIB or name, add one, import a CSV file."""

import re

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import RedirectResponse

from wasnaker.application import reference
from wasnaker.application.accounts import SignedIn
from wasnaker.domain import validation
from wasnaker.domain.errors import Conflict, InvalidData
from wasnaker.web import auth
from wasnaker.web.form_messages import value_error
from wasnaker.web.templating import page

router = APIRouter()
EDITORS = {"desk", "inspector", "ppns", "head", "kadis"}  # the coordinator reads, and changes nothing
FIELDS = {"name": "Nama perusahaan", "nib": "NIB", "npwp": "NPWP", "address": "Alamat", "province": "Provinsi",
          "email": "Pos-el", "kbli": "KBLI", "workforce": "Jumlah pekerja/buruh", "head_name": "Nama pimpinan",
          "head_title": "Jabatan pimpinan"}
MAX_LENGTH = 300
MAX_CSV_BYTES = 2 * 1024 * 1024


# where the register's refusal (English, for the CLI and the log) points: the first marker found names the field
_SERVICE_FIELDS = (("exists", "nib"), ("NIB", "nib"), ("NPWP", "npwp"), ("e-mail", "email"), ("workforce", "workforce"),
                   ("head name", "head_name"), ("head title", "head_title"), ("company name", "name"),
                   ("address", "address"), ("province", "province"), ("kbli", "kbli"))
_MESSAGES = {"nib": "NIB terdiri atas 13 angka.", "npwp": "NPWP terdiri atas 15 atau 16 angka.",
             "email": "Alamat pos-el tidak valid."}


def _field_error(exc: Exception) -> tuple[str, str]:
    """The field a refusal of the register is about, and what to tell the officer, in Indonesian."""
    text = str(exc)
    if isinstance(exc, Conflict):
        return "nib", "Perusahaan dengan NIB ini sudah terdaftar."
    field = next((f for marker, f in _SERVICE_FIELDS if marker in text), "name")
    if field in _MESSAGES:
        return field, _MESSAGES[field]
    if field == "workforce":
        return field, _workforce_message(text)
    if "is empty" in text:
        return field, f"{FIELDS[field]} wajib diisi."
    return field, value_error(text, FIELDS[field]) + "."


def _workforce_message(text: str) -> str:
    if "too large" in text:
        return value_error(text, FIELDS["workforce"]) + "."
    if "negative" in text:
        return "Jumlah pekerja/buruh tidak boleh kurang dari 0."
    return "Jumlah pekerja/buruh harus berupa angka."


def _import_message(exc: Exception) -> str:
    """Why an import was refused, in Indonesian, naming the line."""
    text = str(exc)
    line = re.search(r"line (\d+)", text)
    where = f"Baris {line.group(1)}: " if line else ""
    if "not UTF-8" in text:
        return "Berkas bukan teks UTF-8. Simpan dari spreadsheet sebagai “CSV UTF-8”, lalu impor lagi."
    if "first line must name" in text:
        return "Baris pertama harus berisi nama kolom, sekurang-kurangnya name dan nib."
    if "longer than" in text or "field larger than field limit" in text:
        return f"{where}ada kolom yang lebih dari 2000 karakter."
    if "not a readable CSV" in text:
        return f"{where}tidak dapat dibaca sebagai baris CSV."
    return where + _field_error(exc)[1]


def _text_error(field: str, value: str) -> str | None:
    """Every field of the form checked at once (the register stops at the first): one line, no control or bidi
    character, at most 300 characters."""
    if len(value) > MAX_LENGTH:
        return f"{FIELDS[field]} paling banyak {MAX_LENGTH} karakter."
    try:
        validation.text(value, field)
    except InvalidData as exc:
        return value_error(str(exc), FIELDS[field]) + "."
    return None


def _may_edit(who: SignedIn) -> bool:
    return who.role in EDITORS


@router.get("/perusahaan")
def register(request: Request, q: str = "", who: SignedIn = Depends(auth.signed_in)):
    companies = reference.search_companies(auth.runtime(request), q[:MAX_LENGTH])
    return page(request, "companies.html", companies=companies, q=q, may_edit=_may_edit(who), imported=None,
                import_error=None)


@router.get("/perusahaan/baru")
def new_company(request: Request, who: SignedIn = Depends(auth.signed_in)):
    if not _may_edit(who):
        return page(request, "forbidden.html", 403, message="Peran Saudara tidak menambah data perusahaan.")
    return page(request, "company_form.html", fields=FIELDS, values={}, errors={})


@router.post("/perusahaan/baru")
async def add_company(request: Request, who: SignedIn = Depends(auth.verified)):
    if not _may_edit(who):
        return page(request, "forbidden.html", 403, message="Peran Saudara tidak menambah data perusahaan.")
    form = await auth.form(request)
    values = {k: str(form.get(k, "")).strip() for k in FIELDS}
    errors = {k: message for k, v in values.items() if (message := _text_error(k, v))}
    for required in ("name", "nib"):
        if not values[required]:
            errors.setdefault(required, f"{FIELDS[required]} wajib diisi.")
    if not errors:
        try:
            reference.add_company(auth.runtime(request), **values)
        except (InvalidData, Conflict) as exc:
            field, message = _field_error(exc)
            errors[field] = message
    if errors:
        return page(request, "company_form.html", 422, fields=FIELDS, values=values, errors=errors)
    return RedirectResponse(f"/perusahaan?q={values['nib']}", status_code=303)


@router.post("/perusahaan/impor")
async def import_csv(request: Request, berkas: UploadFile | None = File(None), who: SignedIn = Depends(auth.verified)):
    rt = auth.runtime(request)
    if not _may_edit(who):
        return page(request, "forbidden.html", 403, message="Peran Saudara tidak menambah data perusahaan.")
    data = await berkas.read(MAX_CSV_BYTES + 1) if berkas else b""
    error, imported = None, None
    if berkas is None:
        error = "Pilih berkas CSV yang akan diimpor."
    elif len(data) > MAX_CSV_BYTES:
        error = f"Berkas lebih besar dari {MAX_CSV_BYTES // (1024 * 1024)} MB."
    else:
        try:
            imported = reference.import_companies_csv(rt, data, berkas.filename or "berkas.csv")
        except (InvalidData, Conflict) as exc:
            error = f"Tidak ada yang diimpor. {_import_message(exc)}"
    return page(request, "companies.html", 200 if error is None else 422,
                companies=reference.search_companies(rt, ""), q="", may_edit=True, imported=imported,
                import_error=error)
