"""The office configuration's numbering rules, validated before anything is stored."""

import pytest

from wasnaker.domain.errors import InvalidData
from wasnaker.domain.office_config import parse
from wasnaker.domain.policy import DEFAULT_POLICY
from wasnaker.domain.vocabulary import DocKind

OFFICE = {"code": "UPTD-WIL.I", "name": "UPTD Pengawasan Wilayah I", "province": "Jawa Barat"}


def test_a_kind_may_have_its_own_number_pattern():
    config = parse({"office": OFFICE, "numbering": {"patterns": {"sp3": "{seq}/SP3/PK.WIL.I/{year}"}}})
    policy = DEFAULT_POLICY.for_office({"numbering": config.numbering.model_dump(mode="json", exclude_none=True)})
    assert policy.pattern_for(DocKind.sp3) == "{seq}/SP3/PK.WIL.I/{year}"
    assert policy.pattern_for(DocKind.nota_1) == DEFAULT_POLICY.number_pattern


@pytest.mark.parametrize("numbering, message", [
    ({"pattern": "560/{unit}/{year}"}, "must contain {seq...}"),
    ({"pattern": "560/{seq}/{unit}/{year}"}, "would get the same numbers"),
    ({"patterns": {"sp3": "{seq}/{kode}"}}, "is not valid"),
    ({"codes": {"nota_1": "X", "nota_2": "X"}}, "nota_1 and nota_2 would get the same numbers"),
])
def test_numbering_that_could_collide_or_not_render_is_refused(numbering, message):
    with pytest.raises(InvalidData, match=message):
        parse({"office": OFFICE, "numbering": numbering})
