"""The company register in the browser's terms: search by NIB or name, add with the errors beside the fields in
Indonesian, import a CSV all-or-nothing; the coordinator reads and changes nothing."""

from tests.web.conftest import csrf, sign_in

GOOD_CSV = "name,nib,npwp,address\nPT Baru Jaya,9120009990001,012345678901000,Jl. Baru 1\n" \
           "CV Dua,9120009990002,,Jl. Dua 2\n"


def test_search_by_nib_prefix_or_name(web):
    _rt, app, _clock = web
    client = sign_in(app, "dewi")
    assert "PT Sinar Tekstil Nusantara" in client.get("/perusahaan", params={"q": "912000123"}).text
    found = client.get("/perusahaan", params={"q": "maju"}).text
    assert "CV Maju Jaya" in found and "PT Sinar Tekstil" not in found


def test_adding_a_company_shows_errors_beside_the_fields_and_keeps_what_was_typed(web):
    rt, app, _clock = web
    client = sign_in(app, "dewi")
    token = csrf(rt, client)
    bad = client.post("/perusahaan/baru", data={"csrf_token": token, "name": "PT <b>Uji</b>", "nib": "123"})
    assert bad.status_code == 422 and "NIB terdiri atas 13 angka." in bad.text
    assert 'value="PT &lt;b&gt;Uji&lt;/b&gt;"' in bad.text and "<b>Uji</b>" not in bad.text
    assert "Ada yang perlu diperbaiki" in bad.text
    taken = client.post("/perusahaan/baru", data={"csrf_token": token, "name": "PT Lain", "nib": "9120001234567"})
    assert "sudah terdaftar" in taken.text
    folded = client.post("/perusahaan/baru", data={"csrf_token": token, "name": "PT A\r\nBcc: x",
                                                    "nib": "9120001112223"})
    assert folded.status_code == 422 and "baris baru" in folded.text
    ok = client.post("/perusahaan/baru", data={"csrf_token": token, "name": "PT Sinar Tekstil Nusantara, Tbk",
                                                "nib": "9120001112223", "workforce": "12"})
    assert ok.status_code == 303
    assert "PT Sinar Tekstil Nusantara, Tbk" in client.get("/perusahaan", params={"q": "9120001112223"}).text


def test_a_csv_import_is_all_or_nothing_and_a_wrong_file_is_refused_whole(web):
    rt, app, _clock = web
    client = sign_in(app, "budi")
    token = csrf(rt, client)

    def upload(content: bytes):
        return client.post("/perusahaan/impor", data={"csrf_token": token},
                           files={"berkas": ("perusahaan.csv", content, "text/csv")})

    latin1 = upload("name,nib\nPT Bahagia Sentosa Café,9120009990003\n".encode("latin-1"))
    assert latin1.status_code == 422 and "Berkas bukan teks UTF-8" in latin1.text
    huge = upload(b"name,nib\n" + b"x" * 1_000_000 + b",9120009990004\n")
    assert huge.status_code == 422 and "Tidak ada yang diimpor" in huge.text and "Baris 2" in huge.text
    half = upload((GOOD_CSV + "PT Salah,123\n").encode())
    assert half.status_code == 422 and "Baris 4: NIB terdiri atas 13 angka." in half.text
    assert "PT Baru Jaya" not in client.get("/perusahaan", params={"q": "Baru"}).text
    done = upload(GOOD_CSV.encode())
    assert done.status_code == 200 and "2 perusahaan diimpor" in done.text


def test_the_coordinator_reads_the_register_and_changes_nothing(web):
    rt, app, _clock = web
    client = sign_in(app, "kiki")
    assert "Tambah perusahaan" not in client.get("/perusahaan").text
    refused = client.post("/perusahaan/baru", data={"csrf_token": csrf(rt, client), "name": "PT X",
                                                     "nib": "9120001112224"})
    assert refused.status_code == 403


def test_the_register_needs_a_signed_in_officer_and_the_token(web):
    rt, app, _clock = web
    from fastapi.testclient import TestClient

    assert TestClient(app, follow_redirects=False).get("/perusahaan").status_code == 303
    client = sign_in(app, "dewi")
    assert client.post("/perusahaan/baru", data={"name": "PT X", "nib": "9120001112225"}).status_code == 403


def test_a_pasted_megabyte_and_more_gets_the_message_beside_the_field_not_a_bare_400(web):
    rt, app, _clock = web  # Starlette refuses a form field over 1 MiB with its own 400 unless told otherwise
    client = sign_in(app, "dewi")
    refused = client.post("/perusahaan/baru", data={"csrf_token": csrf(rt, client), "name": "PT " + "A" * 2_000_000,
                                                    "nib": "9120001112223"})
    assert refused.status_code == 422 and "Nama perusahaan paling banyak 300 karakter." in refused.text
