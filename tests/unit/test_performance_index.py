"""The performance index as policy: the default file round-trips, every indicator scores as documented, weights are
shared by the indicators with data only, and a file that is wrong in any way is refused with one line naming the
place (on the command line: `error:`, exit 2)."""

import pytest
from typer.testing import CliRunner

from wasnaker.cli.main import app
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.performance_index import DEFAULT_INDEX, MEASURES, Indicator, parse_index, template

runner = CliRunner()


def test_the_template_is_the_default_index():
    assert parse_index(template()) == DEFAULT_INDEX
    assert [i.measure for i in DEFAULT_INDEX.indicators] == [m.key for m in MEASURES]
    assert sum(i.weight for i in DEFAULT_INDEX.indicators) == 100


@pytest.mark.parametrize("measure, target, value, score", [
    ("complied_after_nota_1", 0.8, 0.4, 50.0), ("complied_after_nota_1", 0.8, 0.8, 100.0),
    ("complied_after_nota_1", 0.8, 1.0, 100.0), ("inspection_quota", 1, 1.3, 100.0), ("inspection_quota", 1, 0, 0),
    ("sprindik_to_p21", 90, 45, 100.0), ("sprindik_to_p21", 90, 90, 100.0), ("sprindik_to_p21", 90, 180, 50.0),
    ("complaint_to_inspection", 30, 120, 25.0), ("office_deadlines_kept", 1, None, None)])
def test_each_kind_of_indicator_scores_against_its_target(measure, target, value, score):
    assert Indicator(measure=measure, weight=1, target=target).score(value) == score


def test_the_index_shares_the_weights_of_indicators_without_data():
    definition = parse_index('[[indicators]]\nmeasure = "complied_after_nota_1"\nweight = 3\ntarget = 0.5\n'
                             '[[indicators]]\nmeasure = "sprindik_to_p21"\nweight = 1\ntarget = 60\n')
    assert definition.index({"complied_after_nota_1": 0.25, "sprindik_to_p21": 120}) == (3 * 50 + 1 * 50) / 4
    assert definition.index({"complied_after_nota_1": 0.25, "sprindik_to_p21": None}) == 50
    assert definition.index({}) is None


@pytest.mark.parametrize("text, message", [
    ("indicators = [", "not valid TOML"),
    ('name = "Indeks"\n', "indicators: Field required"),
    ("indicators = []\n", "indicators: List should have at least 1 item"),
    ('[[indicators]]\nmeasure = "happiness"\nweight = 1\ntarget = 1\n', "indicators.0.measure: unknown measure"),
    ('[[indicators]]\nmeasure = "inspection_quota"\nweight = 0\ntarget = 1\n', "indicators.0.weight: Input should be "
                                                                             "greater than 0"),
    ('[[indicators]]\nmeasure = "inspection_quota"\nweight = 1\ntarget = 80\n', "is a share: between 0 and 1"),
    ('[[indicators]]\nmeasure = "sprindik_to_p21"\nweight = 1\ntarget = -3\n', "target: Input should be greater"),
    ('[[indicators]]\nmeasure = "inspection_quota"\nweight = 1\ntarget = 1\n[[indicators]]\n'
     'measure = "inspection_quota"\nweight = 2\ntarget = 1\n', "measure listed twice: inspection_quota"),
    ('[[indicators]]\nmeasure = "inspection_quota"\nweight = 1\ntarget = 1\nbonus = 5\n', "indicators.0.bonus: Extra "
                                                                                       "inputs are not permitted"),
])
def test_a_wrong_index_file_is_refused_naming_the_place(text, message, tmp_path):
    with pytest.raises(InvalidData, match=message):
        parse_index(text, "indeks.toml")
    path = tmp_path / "indeks.toml"
    path.write_text(text)
    result = runner.invoke(app, ["index", "check", str(path)])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and result.output.startswith("error: ")
    assert message.split(":")[-1].strip()[:20] in result.output


def test_index_template_and_check_on_the_command_line(tmp_path):
    result = runner.invoke(app, ["index", "template"])
    assert result.exit_code == 0 and result.output == template()
    path = tmp_path / "indeks.toml"
    path.write_text(result.output)
    checked = runner.invoke(app, ["index", "check", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "7 indicators" in checked.output
    assert "complied_after_nota_1      weight 20 (20%)  target 0.8" in checked.output
    missing = runner.invoke(app, ["index", "check", str(tmp_path / "none.toml")])
    assert missing.exit_code == 2 and missing.output.startswith("error: ") and "cannot be read" in missing.output
