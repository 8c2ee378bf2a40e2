"""Page images of a PDF (WeasyPrint no longer writes PNG): rasterised with pdfium, a registry wheel."""

from pathlib import Path


def pdf_to_pngs(pdf: bytes, stem: Path, dpi: int = 100) -> list[Path]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    paths = []
    for index in range(len(document)):
        path = stem.with_name(f"{stem.name}-{index + 1}.png")
        document[index].render(scale=dpi / 72).to_pil().save(path)
        paths.append(path)
    document.close()
    return paths
