"""The acknowledgement pages, in Indonesian. Plain HTML with every value escaped; no scripts."""

from html import escape

from wasnaker.domain.formatting import tanggal

_STYLE = ("body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}"
          "h1{font-size:1.4rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}"
          "dt{font-weight:600}button{font-size:1.1rem;padding:.7rem 1.4rem;background:#0b5394;color:#fff;"
          "border:0;border-radius:.3rem;cursor:pointer}.note{color:#555;font-size:.9rem}")


def _page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="robots" content="noindex">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body>{body}</body></html>")


def _letter(view: dict) -> str:
    rows = (("Surat", view["title"]), ("Nomor", view["number"]), ("Tanggal", tanggal(view["date"])),
            ("Kepada", view["recipient"]), ("Dari", view["office"]))
    return "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in rows) + "</dl>"


def confirm(view: dict) -> str:
    if view["served_on"]:
        return received(view, again=True)
    return _page("Konfirmasi Penerimaan Surat", (
        "<h1>Konfirmasi Penerimaan Surat</h1>" + _letter(view) +
        '<p><a href="./' + escape(view["token"]) + '/surat.pdf">Unduh surat (PDF)</a></p>' +
        "<p>Dengan menekan tombol di bawah ini, Saudara menyatakan bahwa surat tersebut telah diterima hari ini. "
        "Jangka waktu yang ditetapkan dalam surat dihitung sejak tanggal penerimaan.</p>"
        '<form method="post"><button type="submit">Konfirmasi Penerimaan</button></form>'
        '<p class="note">Membuka halaman ini saja tidak dicatat sebagai penerimaan.</p>'))


def received(view: dict, again: bool = False) -> str:
    lead = "Penerimaan surat ini telah dicatat sebelumnya" if again else "Terima kasih. Penerimaan surat dicatat"
    return _page("Penerimaan Surat Tercatat", (
        f"<h1>{escape(lead)}</h1>" + _letter(view) +
        f"<p>Tanggal diterima: <strong>{escape(tanggal(view['served_on']))}</strong>.</p>"
        f'<p class="note">Pertanyaan: {escape(", ".join(filter(None, (view["office"], view["office_contact"]))))}.'
        "</p>"))


def invalid() -> str:
    return _page("Tautan tidak berlaku", (
        "<h1>Tautan tidak berlaku</h1><p>Tautan konfirmasi ini tidak dikenal. Gunakan tautan persis seperti "
        "yang tercantum dalam e-mail, atau hubungi kantor pengawasan ketenagakerjaan yang mengirim surat.</p>"))


def not_recorded() -> str:
    return _page("Penerimaan belum dapat dicatat", (
        "<h1>Penerimaan belum dapat dicatat</h1><p>Konfirmasi tidak dapat dicatat secara otomatis. Mohon hubungi "
        "kantor pengawasan ketenagakerjaan yang mengirim surat; petugas akan mencatat tanggal penerimaannya.</p>"))
