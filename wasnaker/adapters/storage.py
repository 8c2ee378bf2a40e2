"""Where issued PDFs live. Files are written once and never overwritten."""

from pathlib import Path


class FileDocumentStore:
    def __init__(self, root: Path):
        self.root = root

    def put(self, relative: str, data: bytes) -> Path:
        """Write `data` once; an existing file with the same content counts as done (idempotent retry)."""
        path = self.root / relative
        if path.exists():
            if path.read_bytes() != data:
                raise FileExistsError(f"{path} exists with other content; issued documents are never overwritten")
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        return path

    def get(self, relative: str) -> bytes:
        return (self.root / relative).read_bytes()
