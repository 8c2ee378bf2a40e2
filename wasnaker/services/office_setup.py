"""Applies an office's configuration file: letterhead and closures on the office row, numbering, copy lists and
signatories in its settings, the logo into the asset folder the renderer may read."""

import shutil
import tomllib
from pathlib import Path

from sqlmodel import Session, select

from models import Office
from wasnaker.domain import office_config
from wasnaker.domain.errors import InvalidData

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


def read(path: Path) -> office_config.OfficeConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidData(f"{path.name}: {exc}") from None
    except OSError as exc:
        raise InvalidData(f"{path}: {exc.strerror}") from None
    return office_config.parse(data)


def _copy_logo(config_dir: Path, name: str, assets: Path) -> None:
    source = (config_dir / name).resolve()
    if source.suffix.lower() not in LOGO_SUFFIXES or not source.is_file():
        raise InvalidData(f"office.logo {name!r}: not a PNG, JPEG or SVG file next to the configuration")
    assets.mkdir(parents=True, exist_ok=True)
    for old in assets.glob("logo.*"):
        old.unlink()
    shutil.copyfile(source, assets / f"logo{source.suffix.lower()}")


def configure(session: Session, path: Path, assets: Path) -> Office:
    """Create or update the office named by the file's `office.code`; all or nothing."""
    config = read(path)
    head = config.office
    if head.logo:
        _copy_logo(path.parent, head.logo, assets)
    office = session.exec(select(Office).where(Office.code == head.code)).first() or Office(code=head.code,
                                                                                          name=head.name,
                                                                                          province=head.province)
    for name in ("name", "parent", "province", "city", "address", "phone", "email", "timezone"):
        setattr(office, name, getattr(head, name))
    office.closures = [d.isoformat() for d in head.closures]
    office.settings = {"numbering": config.numbering.model_dump(mode="json", exclude_none=True),
                       "tembusan": {k.value: v for k, v in config.tembusan.items()},
                       "copies": config.copies.model_dump(),
                       "signatories": {k.value: v.model_dump() for k, v in config.signatories.items()},
                       "contacts": {k.value: v.model_dump() for k, v in config.contacts.items()},
                       "service": config.service.model_dump(),
                       "criminal": config.criminal.model_dump(exclude_none=True)}
    session.add(office)
    session.flush()
    return office
