"""How much a request may send. A form pasted full by mistake (a megabyte or so) still reaches the form's own checks,
which answer beside the field; a body past the limit below is not read further and gets one Indonesian page (413),
whatever its Content-Length claims — a body sent in chunks is counted as it arrives."""

from wasnaker.web.auth import FORM_FIELD_BYTES

MIB = 1024 * 1024
FORM_BODY_BYTES = FORM_FIELD_BYTES + MIB  # a typed form: its largest field and the rest of the form


class BodyTooLarge(Exception):
    """The request's body is past its limit; answered 413 with nothing done."""

    def __init__(self, limit: int):
        super().__init__(f"request body larger than {limit} bytes")
        self.limit = limit


def body_limit(headers: dict[bytes, bytes], upload_bytes: int) -> int:
    """A file upload may carry the largest file allowed and its form; anything else a typed form."""
    multipart = headers.get(b"content-type", b"").lower().startswith(b"multipart/")
    return upload_bytes + MIB if multipart else FORM_BODY_BYTES


class LimitBody:
    """ASGI middleware: a request's body past `body_limit` raises BodyTooLarge where the app reads it (the app's
    handler answers), before more of it is read into memory."""

    def __init__(self, app, upload_bytes):
        self.app, self.upload_bytes = app, upload_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        limit = body_limit(headers, self.upload_bytes())
        declared = headers.get(b"content-length", b"")
        seen = 0

        async def limited():
            nonlocal seen
            if declared.isdigit() and int(declared) > limit:
                raise BodyTooLarge(limit)
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
            return message

        return await self.app(scope, limited, send)


def too_large_message(limit: int) -> str:
    return (f"Data yang dikirim terlalu besar (lebih dari {limit // MIB} MB) dan tidak ada yang tersimpan. Periksa "
            "isian yang panjang atau berkas yang diunggah, lalu kirim lagi.")
