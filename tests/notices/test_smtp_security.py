"""The SMTP adapter against real local servers that demand TLS (STARTTLS on 587-style, implicit TLS on
465-style) and a login: the certificate is verified against the CA given, and a wrong password or an
unverifiable certificate is a failure to retry, never a silent plain-text send."""

import datetime as dt
import ipaddress
import ssl

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.smtp_sink import SmtpSink, free_port
from wasnaker.adapters.smtp import SmtpSender
from wasnaker.domain.notices import DeliveryFailed, Mail

MAIL = Mail("hrd@sinartekstil.co.id", "PT Sinar Tekstil Nusantara", "Nota Pemeriksaan I Nomor 1",
            "Yth. PT Sinar Tekstil Nusantara", "<notice-1.test@disnaker.example.go.id>", [("nota.pdf", b"%PDF-1.7")])


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1: its own CA."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "smtp.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    return folder / "cert.pem", folder / "key.pem"


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"uptd1" and auth_data.password == b"rahasia-smtp"
    return AuthResult(success=ok, handled=False)  # not handled: the server answers 535 itself


@pytest.fixture(params=["starttls", "ssl"])
def secure_server(request, certificate):
    sink, (cert, key) = SmtpSink(), certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    kwargs = dict(hostname="127.0.0.1", port=sink.port, server_hostname="127.0.0.1")
    auth = dict(authenticator=_authenticate, auth_required=True, auth_require_tls=True)
    if request.param == "starttls":
        controller = Controller(sink, **kwargs, server_kwargs=dict(tls_context=context, require_starttls=True, **auth))
    else:
        # the whole connection is TLS; aiosmtpd only counts STARTTLS as TLS for its own AUTH rule
        controller = Controller(sink, **kwargs, ssl_context=context, server_kwargs={**auth, "auth_require_tls": False})
    controller.start()
    yield request.param, sink, cert
    controller.stop()


def sender(security, port, cert, password="rahasia-smtp"):
    return SmtpSender(host="127.0.0.1", port=port, security=security, username="uptd1", password=password,
                      timeout=5, mail_from="UPTD Wilayah I <noreply@disnaker.example.go.id>", ca_file=cert)


def test_tls_and_login_deliver_the_mail(secure_server):
    security, sink, cert = secure_server
    sender(security, sink.port, cert).send(MAIL)
    [mail] = sink.received
    assert mail["Message-ID"] == MAIL.message_id and mail["X-Envelope-To"] == MAIL.to


def test_a_wrong_password_is_a_failure_to_retry(secure_server):
    security, sink, cert = secure_server
    with pytest.raises(DeliveryFailed) as failed:
        sender(security, sink.port, cert, password="salah").send(MAIL)
    assert not failed.value.permanent and failed.value.code == 535 and sink.received == []


def test_an_unverifiable_certificate_refuses_to_send(secure_server):
    security, sink, _ = secure_server
    with pytest.raises(DeliveryFailed) as failed:
        sender(security, sink.port, None).send(MAIL)  # the system's CAs do not know this server
    assert not failed.value.permanent and "CERTIFICATE_VERIFY_FAILED" in str(failed.value) and sink.received == []


def test_a_server_that_is_not_there_is_a_failure_to_retry():
    with pytest.raises(DeliveryFailed) as failed:
        sender("none", free_port(), None).send(MAIL)
    assert not failed.value.permanent and "ConnectionRefusedError" in str(failed.value)
