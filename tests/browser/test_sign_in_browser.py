"""Signing in and out in a real browser: the page renders under the app's Content-Security-Policy with no console
error, a wrong password is refused in Indonesian, a right one lands on the worklist with an HttpOnly session
cookie, signing out ends access, and a POST without the session's CSRF token changes nothing."""

from tests.browser.conftest import screenshot, sign_in
from wasnaker.web.auth import COOKIE


def session_cookie(page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == COOKIE), None)


def test_the_sign_in_page_renders_with_its_styles_and_script(page):
    response = page.goto("/masuk")
    assert response.status == 200
    assert page.get_by_role("heading", name="Masuk ke wasnaker").is_visible()
    assert page.get_by_label("Nama pengguna").is_visible() and page.get_by_label("Kata sandi").is_visible()
    # Pico's stylesheet applied (its button colour, not the browser's grey) and htmx loaded: the CSP let them in
    background = page.get_by_role("button", name="Masuk").evaluate("b => getComputedStyle(b).backgroundColor")
    assert background not in ("rgb(239, 239, 239)", "rgba(0, 0, 0, 0)")
    page.wait_for_function("() => window.htmx !== undefined")
    screenshot(page, "sign_in")


def test_a_wrong_password_is_refused_in_indonesian(page, console):
    console.expect(401)  # the refused sign-in page comes with 401, which chromium logs
    sign_in(page, "budi", "salah-sekali-123")
    assert page.get_by_role("alert").inner_text().strip() == "Nama pengguna atau kata sandi salah."
    assert page.get_by_label("Nama pengguna").input_value() == "budi"  # what was typed stays
    assert session_cookie(page) is None
    screenshot(page, "sign_in_wrong_password")


def test_the_right_password_lands_on_the_worklist_with_an_httponly_session_cookie(page, console):
    with page.expect_response(lambda r: r.url.endswith("/perkara")) as landed:
        sign_in(page, "budi")
    assert page.url.endswith("/perkara") and landed.value.status == 200
    assert page.get_by_role("heading", name="Perkara saya").is_visible()
    cookie = session_cookie(page)
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    screenshot(page, "after_sign_in")


def test_signing_out_ends_access(page):
    sign_in(page, "budi", then="/perusahaan")
    page.wait_for_url("**/perusahaan")
    assert page.get_by_role("heading", name="Perusahaan").is_visible()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/masuk")
    assert session_cookie(page) is None
    page.goto("/perusahaan")
    assert "/masuk?next=/perusahaan" in page.url
    assert page.get_by_role("heading", name="Masuk ke wasnaker").is_visible()
    screenshot(page, "signed_out")


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(page, site, console):
    from wasnaker.application.reference import search_companies

    console.expect(403)
    sign_in(page, "budi", then="/perusahaan")
    page.wait_for_url("**/perusahaan")
    company = {"name": "PT Palsu Sekali", "nib": "9120009999999", "address": "Jl. Entah 1"}
    for form in (company, {**company, "csrf_token": "bukan-tokennya"}):
        refused = page.request.post("/perusahaan/baru", form=form, max_redirects=0)
        assert refused.status == 403 and "Permintaan ditolak" in refused.text()
    assert refused.headers["content-security-policy"].startswith("default-src 'self'")
    assert search_companies(site.rt, "9120009999999") == []
    out = page.request.post("/keluar", max_redirects=0)
    assert out.status == 403 and session_cookie(page)  # still signed in: the forged sign-out did nothing

    page.goto("/perusahaan/baru")  # the page's own form carries the token: the same company is added
    for name, value in company.items():
        page.locator(f"input#{name}").fill(value)
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/perusahaan?q=9120009999999")
    assert [c["nib"] for c in search_companies(site.rt, "9120009999999")] == ["9120009999999"]
