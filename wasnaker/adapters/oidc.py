"""Single sign-on through OpenID Connect, the relying party's half (Authlib does the protocol): the provider's
discovery document, the authorization request of the code flow with PKCE (S256), a state and a nonce, and on the
way back the code exchanged for tokens and the ID token validated — signed by one of the provider's published
keys, issued by the configured issuer for this client, not expired, carrying this attempt's nonce. Nothing here
knows about users: the caller maps the verified subject to one.

Between the two legs the browser carries the attempt (state, nonce, PKCE verifier, where to go next) in a cookie
sealed with the app's secret key (Fernet: encrypted and authenticated, with its own moment), so nothing is stored
server-side for sign-ins that are never finished, and the verifier is never readable in the browser."""

import base64
import hashlib
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken

# httpx, Authlib and joserfc are imported where they are used: the CLI and a password sign-in never load them.

SCOPE = "openid profile email"
TIMEOUT = 10  # seconds for each call to the provider: an officer is waiting


class SsoFailed(Exception):
    """The provider refused, could not be reached, or answered with something that does not verify."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str | None


@dataclass(frozen=True)
class Attempt:
    """One sign-in between leaving for the provider and coming back."""

    state: str
    nonce: str
    code_verifier: str
    next: str


def provider_of(settings) -> Provider | None:
    """The configured provider, or None when single sign-on is off (no issuer or no client id)."""
    if not (settings.oidc_issuer and settings.oidc_client_id):
        return None
    secret = settings.oidc_client_secret.get_secret_value() if settings.oidc_client_secret else None
    return Provider(settings.oidc_issuer.rstrip("/"), settings.oidc_client_id, secret)


def _get_json(url: str) -> dict:
    import httpx

    try:
        response = httpx.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        return response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SsoFailed(f"{url}: {exc}") from exc


def metadata(provider: Provider) -> dict:
    """The discovery document; its issuer must be the configured one (OpenID Connect Discovery §4.3)."""
    found = _get_json(f"{provider.issuer}/.well-known/openid-configuration")
    if str(found.get("issuer", "")).rstrip("/") != provider.issuer:
        raise SsoFailed(f"the discovery document names issuer {found.get('issuer')!r}, not {provider.issuer!r}")
    return found


def start(provider: Provider, redirect_uri: str, next_path: str) -> tuple[str, Attempt]:
    """Where to send the browser, and the attempt to keep until it comes back."""
    from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
    from authlib.oauth2.rfc7636 import create_s256_code_challenge

    attempt = Attempt(secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48), next_path)
    url = prepare_grant_uri(metadata(provider)["authorization_endpoint"], provider.client_id, "code",
                            redirect_uri=redirect_uri, scope=SCOPE, state=attempt.state, nonce=attempt.nonce,
                            code_challenge=create_s256_code_challenge(attempt.code_verifier),
                            code_challenge_method="S256")
    return url, attempt


def finish(provider: Provider, redirect_uri: str, attempt: Attempt, code: str) -> dict:
    """The code exchanged at the token endpoint (with the PKCE verifier) and the ID token's claims once verified;
    SsoFailed otherwise. The token's times are checked against the wall clock, which is the provider's too."""
    meta = metadata(provider)
    token = _exchange(meta["token_endpoint"], provider, redirect_uri, attempt, code)
    if "id_token" not in token:
        raise SsoFailed("the provider returned no ID token")
    return _verified(meta, provider, token, attempt.nonce)


def _exchange(endpoint: str, provider: Provider, redirect_uri: str, attempt: Attempt, code: str) -> dict:
    """RFC 6749 §4.1.3 with RFC 7636's verifier; the client authenticates with HTTP Basic (client_secret_basic)."""
    import httpx

    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "code_verifier": attempt.code_verifier, "client_id": provider.client_id}
    auth = (provider.client_id, provider.client_secret) if provider.client_secret else None
    try:
        response = httpx.post(endpoint, data=form, auth=auth, timeout=TIMEOUT, headers={"Accept": "application/json"})
        token = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SsoFailed(f"the token endpoint did not answer: {exc}") from exc
    if response.status_code != 200 or not isinstance(token, dict):
        raise SsoFailed(f"the token endpoint refused the code: {response.status_code} {token}")
    return token


def _verified(meta: dict, provider: Provider, token: dict, nonce: str) -> dict:
    from authlib.oidc.core import CodeIDToken
    from joserfc import jwt
    from joserfc.jwk import KeySet
    from joserfc.jws import JWSRegistry

    keys = KeySet.import_key_set(_get_json(meta["jwks_uri"]))
    algorithms = meta.get("id_token_signing_alg_values_supported") or ["RS256"]
    try:
        decoded = jwt.decode(token["id_token"], keys, registry=JWSRegistry(algorithms=algorithms))
        options = {"iss": {"essential": True, "values": [meta["issuer"]]},
                   "aud": {"essential": True, "values": [provider.client_id]}}
        claims = CodeIDToken(decoded.claims, decoded.header, options,
                             {"nonce": nonce, "client_id": provider.client_id,
                              "access_token": token.get("access_token")})
        claims.validate(leeway=60)
    except Exception as exc:  # joserfc and Authlib each raise their own errors for a token that does not verify
        raise SsoFailed(f"the ID token does not verify: {exc}") from exc
    return dict(claims)


def _fernet(secret_key: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"wasnaker-sso:{secret_key}".encode()).digest()))


def seal(attempt: Attempt, secret_key: str, now: datetime) -> str:
    return _fernet(secret_key).encrypt_at_time(json.dumps(asdict(attempt)).encode(), int(now.timestamp())).decode()


def unseal(sealed: str | None, secret_key: str, now: datetime, max_age: int) -> Attempt | None:
    """The attempt of a cookie sealed by this app no more than `max_age` seconds ago, or None."""
    if not sealed:
        return None
    try:
        raw = _fernet(secret_key).decrypt_at_time(sealed.encode(), max_age, int(now.timestamp()))
        return Attempt(**json.loads(raw))
    except (InvalidToken, ValueError, TypeError):
        return None
