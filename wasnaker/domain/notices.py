"""Notices to outside parties, in pure terms: who receives which letter, the Indonesian cover message, the
retry backoff and the signed acknowledgement token."""

import base64
import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from wasnaker.domain.formatting import tanggal
from wasnaker.domain.vocabulary import DOC_TITLES, DocKind


class Audience(StrEnum):
    internal = "internal"
    company = "company"
    complainant = "complainant"
    prosecutor = "prosecutor"  # through the Korwas PPNS
    licensing = "licensing"  # the official who grants the business licence (sanction recommendations)
    court = "court"


class NoticeChannel(StrEnum):
    email = "email"
    hand = "hand"  # carried to the recipient, served by a signed tanda terima
    post = "post"  # registered post
    inbox = "inbox"  # an officer without e-mail reads it in `notices list`


class NoticeStatus(StrEnum):
    """Delivery of a notice; its proof of service (`served_on`) is a separate fact."""

    queued = "queued"
    sending = "sending"  # claimed by a deliverer; the server has not been given the whole message
    handed = "handed"  # the whole message was given to the server, its end-of-data mark next: never sent again
    retrying = "retrying"
    sent = "sent"
    failed = "failed"
    bounced = "bounced"
    awaiting_service = "awaiting_service"  # by hand or post: waits for its tanda terima
    served = "served"
    posted = "posted"  # put in an officer's inbox


DELIVERABLE = (NoticeStatus.queued, NoticeStatus.retrying)
NOTICE_STATUS_LABELS: dict[str, str] = {
    "queued": "Dalam antrean", "sending": "Sedang dikirim", "handed": "Diserahkan ke server surat",
    "retrying": "Dicoba lagi", "sent": "Terkirim",
    "failed": "Gagal dikirim", "bounced": "Ditolak server penerima", "awaiting_service": "Menunggu diserahkan",
    "served": "Diterima", "posted": "Masuk kotak pesan petugas",
}


class ServiceMethod(StrEnum):
    hand = "hand"  # tanda terima signed by the recipient
    post = "post"  # registered post: the delivery receipt's date
    email = "email"  # the recipient confirmed on the acknowledgement page
    email_deemed = "email_deemed"  # no confirmation: received N days after sending (policy)


class AttemptOutcome(StrEnum):
    sent = "sent"
    retry = "retry"
    failed = "failed"
    bounced = "bounced"


AUDIENCE_LABELS = {
    Audience.company: "Pimpinan Perusahaan", Audience.complainant: "Pengadu",
    Audience.prosecutor: "Kepala Kejaksaan Negeri (melalui Korwas PPNS)",
    Audience.licensing: "Pejabat Pemberi Izin Berusaha", Audience.court: "Ketua Pengadilan Negeri",
}

# Who an issued letter goes to (DOMAIN §5); letters kept inside the office (SPT, LHP, Sprindik, ...) are absent.
DEFAULT_NOTICE_AUDIENCES: dict[DocKind, tuple[Audience, ...]] = {
    DocKind.complaint_receipt: (Audience.complainant,),
    DocKind.nota_1: (Audience.company,),
    DocKind.nota_2: (Audience.company,),
    DocKind.penetapan: (Audience.company,),
    DocKind.reminder: (Audience.company,),
    DocKind.summons: (Audience.company,),
    DocKind.sanction_recommendation: (Audience.licensing,),
    DocKind.spdp: (Audience.prosecutor, Audience.company, Audience.complainant),  # MK 130/PUU-XIII/2015
    DocKind.tahap_1_cover: (Audience.prosecutor,),
    DocKind.tipiring_referral: (Audience.court,),
    DocKind.sp3: (Audience.prosecutor, Audience.company, Audience.complainant),
}


@dataclass(frozen=True)
class Letter:
    kind: DocKind
    number: str
    doc_date: date
    sha256: str


@dataclass(frozen=True)
class Sender:
    name: str
    address: str
    phone: str
    email: str


@dataclass(frozen=True)
class Mail:
    to: str
    to_name: str
    subject: str
    body: str
    message_id: str
    attachments: list[tuple[str, bytes]] = field(default_factory=list)  # (file name, PDF bytes)


class DeliveryFailed(Exception):
    def __init__(self, detail: str, *, permanent: bool, code: int | None = None):
        super().__init__(detail)
        self.permanent, self.code = permanent, code


def subject(letter: Letter, case_number: str) -> str:
    return f"{DOC_TITLES[letter.kind]} Nomor {letter.number} [{case_number}]"


def cover_message(letter: Letter, recipient_name: str, office: Sender, *, ack_url: str | None,
                  starts_deadline: bool, deemed_after_days: int | None) -> str:
    """The Indonesian e-mail that carries a letter; the letter itself is the attached PDF."""
    title = DOC_TITLES[letter.kind]
    lines = [f"Yth. {recipient_name}", "di Tempat", "", "Dengan hormat,", "",
             f"Bersama ini kami sampaikan {title} Nomor {letter.number} tanggal {tanggal(letter.doc_date)} "
             f"dari {office.name}. Surat terlampir dalam format PDF.", ""]
    if ack_url:
        lines += ["Mohon konfirmasi penerimaan surat ini melalui tautan berikut, lalu tekan tombol "
                  "\"Konfirmasi Penerimaan\" pada halaman tersebut:", ack_url, ""]
    if starts_deadline:
        lines += ["Jangka waktu yang ditetapkan dalam surat ini dihitung sejak tanggal surat diterima.", ""]
    if ack_url and deemed_after_days:
        lines += [f"Apabila konfirmasi tidak kami terima, surat dianggap telah diterima {deemed_after_days} "
                  "hari setelah tanggal pengiriman e-mail ini.", ""]
    lines += [f"Keaslian berkas dapat diperiksa dengan sidik SHA-256: {letter.sha256}", "",
              "Hormat kami,", office.name, " · ".join(p for p in (office.address, office.phone, office.email) if p),
              "", "E-mail ini dikirim otomatis oleh sistem wasnaker. Mohon tidak membalas ke alamat pengirim "
              "apabila tidak tercantum di atas."]
    return "\n".join(lines)


def backoff(attempt: int, base_seconds: int, cap_seconds: int) -> timedelta:
    """Wait before attempt `attempt + 1`: base, 2·base, 4·base, ... never more than the cap."""
    return timedelta(seconds=min(cap_seconds, base_seconds * 2 ** max(0, attempt - 1)))


def _signature(secret: str, notice_id: int, nonce: str, key: str) -> str:
    mac = hmac.new(secret.encode(), f"ack|{notice_id}|{nonce}|{key}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def ack_token(secret: str, notice_id: int, nonce: str, key: str) -> str:
    """`<notice id>.<nonce>.<signature>`: the signature covers the id, the notice's own random nonce and its
    key, so a token neither forges without the secret nor carries over to any other notice."""
    return f"{notice_id}.{nonce}.{_signature(secret, notice_id, nonce, key)}"


def parse_ack_token(token: str) -> tuple[int, str, str] | None:
    parts = token.split(".")
    if len(parts) != 3 or not (parts[0].isascii() and parts[0].isdecimal()) or not parts[1] or not parts[2]:
        return None
    return int(parts[0]), parts[1], parts[2]


def ack_token_valid(secret: str, token: str, notice_id: int, nonce: str, key: str) -> bool:
    expected = ack_token(secret, notice_id, nonce, key)
    return hmac.compare_digest(expected.encode(), token.encode())
