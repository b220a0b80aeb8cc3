from sim.scenario import parameters_markdown
from sim.sweep.spec import swept_ranges

from .conftest import ROOT, SCENARIOS


def test_odd_carries_the_current_parameter_table():
    odd = (ROOT / "docs" / "ODD.md").read_text()
    table = odd.split("<!-- parameters:start -->\n", 1)[1].split("<!-- parameters:end -->", 1)[0]
    assert table == parameters_markdown(swept_ranges(SCENARIOS / "sweeps")), "run: audsim params --markdown, and paste it into docs/ODD.md"
