"""E-mail over SMTP: one message per notice, the letter attached as PDF. Failures are sorted into those worth
retrying (server down, 4xx, time-out) and bounces (the server refused the recipient or the message: 5xx).

The server takes responsibility for a message only at the end-of-data mark (RFC 5321 §4.1.1.4: a connection lost
before it discards the message). `send(mail, handing=...)` calls `handing()` after the whole message is written
and before that mark: the caller records "handed over" there, so a process killed before it sent nothing, and one
killed after it is known to have given the server everything (services/delivery.py says what follows)."""

import re
import smtplib
import ssl
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate

from wasnaker.domain.notices import DeliveryFailed, Mail


def build_message(mail: Mail, sender: str) -> EmailMessage:
    msg = EmailMessage()
    if not mail.to.isascii():  # an internationalised domain is written in its xn-- form; old data may not be
        raise ValueError(f"address {mail.to!r} is not ASCII")
    msg["From"] = sender
    # an address object, not a string: a name with a comma ("PT …, Tbk") stays one quoted display name
    msg["To"] = Address(display_name=_one_line(mail.to_name), addr_spec=mail.to)
    msg["Subject"], msg["Date"] = _one_line(mail.subject), formatdate(localtime=True)
    msg["Message-ID"] = mail.message_id
    msg["Content-Language"] = "id"
    msg.set_content(mail.body, charset="utf-8")
    for name, data in mail.attachments:
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return msg


class _Handing:
    """smtplib's DATA with a pause before the end-of-data mark: `handing()` runs there; if it raises, the mark is
    never sent and the server discards the message when the connection closes. What it returns, if anything, is
    called once the mark is written (the caller's cleanup, kept out of the moment between its record and the
    mark)."""

    handing = None

    def data(self, msg):
        if self.handing is None:
            return super().data(msg)
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        body = re.sub(rb"(?m)^\.", b"..", msg if isinstance(msg, bytes) else smtplib._fix_eols(msg).encode("ascii"))
        self.send(body if body.endswith(b"\r\n") else body + b"\r\n")
        try:
            after = self.handing()
        except BaseException:
            self.close()  # no QUIT: in DATA it would be read as a line of the message
            raise
        try:
            self.send(b".\r\n")
        finally:
            if after is not None:
                after()
        return self.getreply()


class _Smtp(_Handing, smtplib.SMTP):
    pass


class _SmtpSsl(_Handing, smtplib.SMTP_SSL):
    pass


class SmtpSender:
    def __init__(self, *, host: str, port: int, security: str = "none", username: str | None = None,
                 password: str | None = None, timeout: float = 15, mail_from: str, ca_file=None):
        self.host, self.port, self.security, self.timeout = host, port, security, timeout
        self.username, self.password, self.mail_from, self.ca_file = username, password, mail_from, ca_file

    @classmethod
    def from_settings(cls, settings) -> "SmtpSender":
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        return cls(host=settings.smtp_host, port=settings.smtp_port, security=settings.smtp_security,
                   username=settings.smtp_username, password=password, timeout=settings.smtp_timeout,
                   mail_from=settings.mail_from, ca_file=settings.smtp_ca_file)

    def _tls(self) -> ssl.SSLContext:
        """Certificates and host names are always verified; `ca_file` names a private CA."""
        return ssl.create_default_context(cafile=str(self.ca_file) if self.ca_file else None)

    def _connect(self) -> smtplib.SMTP:
        if self.security == "ssl":
            return _SmtpSsl(self.host, self.port, timeout=self.timeout, context=self._tls())
        client = _Smtp(self.host, self.port, timeout=self.timeout)
        if self.security == "starttls":
            client.starttls(context=self._tls())
        return client

    def send(self, mail: Mail, handing=None) -> None:
        """Hand the message to the server; raises DeliveryFailed (permanent for a bounce or a malformed
        address). `handing()`, when given, runs once the whole message is written, before the end-of-data mark
        that makes the server take it; whatever it raises aborts the message and propagates, and a callable it
        returns is called right after the mark is written."""
        try:
            message = build_message(mail, self.mail_from)
        except (ValueError, UnicodeError) as exc:
            raise DeliveryFailed(f"malformed message: {exc}", permanent=True) from None
        try:
            with self._connect() as client:
                client.handing = handing
                if self.username:
                    client.login(self.username, self.password or "")
                client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise DeliveryFailed(f"recipient refused: {code} {_text(text)}", permanent=code >= 500, code=code)
        except smtplib.SMTPResponseException as exc:
            permanent = exc.smtp_code >= 500 and isinstance(exc, smtplib.SMTPDataError)
            raise DeliveryFailed(f"{exc.smtp_code} {_text(exc.smtp_error)}", permanent=permanent, code=exc.smtp_code)
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryFailed(f"{type(exc).__name__}: {exc}", permanent=False) from None


def _one_line(value: str) -> str:
    """A header value from data: any control character (a CR/LF typed before entry refused them) a space."""
    return " ".join("".join(" " if ord(ch) < 0x20 or ord(ch) == 0x7F else ch for ch in value).split())


def _text(value) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)
