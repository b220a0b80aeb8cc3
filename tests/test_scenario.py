"""Scenario files: defaults, extends, content types as data, and one-line errors."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim.scenario import ScenarioError

from .conftest import SCENARIOS


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_shipped_scenario_loads(path):
    sc = sim.load(path)
    assert sc.name == path.stem
    assert abs(sum(sc.strategy.mix.values()) - 1) < 1e-9


def test_extends_inherits_and_overrides():
    base, child = sim.load(SCENARIOS / "service-first.toml"), sim.load(SCENARIOS / "outsourced-service.toml")
    assert child.strategy.mix == base.strategy.mix
    assert child.service.quality < base.service.quality
    assert child.hash() != base.hash()


def test_a_content_type_is_added_in_data_and_runs(tmp_toml):
    path = tmp_toml(
        """
[content.recipe]
valued_by = 0.6
trust_learning = 0.04
share_propensity = 0.3
[strategy]
mix = { recipe = 0.7, promo = 0.3 }
[market]
people = 500
[simulation]
days = 10
"""
    )
    r = sim.run(path)
    assert "recipe" in r.manifest["scenario"]["content"]
    assert r.daily["impressions"].sum() > 0


def expect_error(path, *fragments):
    with pytest.raises(ScenarioError) as info:
        sim.load(path)
    msg = str(info.value)
    assert "\n" not in msg and msg.startswith(str(path))
    for f in fragments:
        assert f in msg, msg
    return msg


def test_unknown_key_names_the_key_and_the_allowed_ones(tmp_toml):
    expect_error(tmp_toml("[service]\nstaf = 2\n"), "service.staf", "unknown key", "staff")


def test_out_of_range_value_names_the_range(tmp_toml):
    expect_error(tmp_toml("[service]\nquality = 1.5\n"), "service.quality", "1.5", "[0, 1]")


def test_content_mix_must_sum_to_one(tmp_toml):
    expect_error(tmp_toml("[strategy]\nmix = { promo = 0.5, info = 0.4 }\n"), "strategy.mix", "sum to 1")


def test_mix_may_only_name_defined_types(tmp_toml):
    """The type's name is the value in question (it read "strategy.mix.memes = 'memes'"); a near miss is named."""
    expect_error(tmp_toml("[strategy]\nmix = { memes = 1.0 }\n"), "strategy.mix = 'memes'", "content type")
    expect_error(tmp_toml("[strategy]\nmix = { infoo = 1.0 }\n"), "strategy.mix = 'infoo'", "did you mean 'info'?")


def test_base_reach_below_the_reach_floor_is_refused(tmp_toml):
    """Recommendations scale with reach relative to reach_base; reach is floored at reach_min, so a base below the
    floor made lower base reach recommend more (reach_base 0.001: 1,663 recommended impressions a day, 35 at 0.12)."""
    expect_error(tmp_toml("[platform]\nreach_base = 0.005\n"), "platform.reach_base", "0.005", "at least reach_min = 0.01")


def test_wrong_type_is_named(tmp_toml):
    expect_error(tmp_toml('[strategy]\nposts_per_day = "lots"\n'), "strategy.posts_per_day", "'lots'")


@pytest.mark.parametrize("text, key, shown, allowed", [
    ("[market]\ncontest_share = true\n", "market.contest_share = true:", "true", "a number in [0, 1]"),  # as TOML writes it
    ('[market]\ncontest_share = "0.5"\n', "market.contest_share", "'0.5'", "a number in [0, 1]"),
    ('[strategy]\nposts_per_day = "lots"\n', "strategy.posts_per_day", "'lots'", "a number in [0"),
    ("[market]\npeople = false\n", "market.people = false:", "false", "a whole number in [10, "),
    ("[market]\npeople = 2.5\n", "market.people", "2.5", "a whole number in [10, "),
])
def test_true_false_and_quoted_numbers_are_not_numbers(tmp_toml, text, key, shown, allowed):
    """TOML's booleans and quoted text are refused with the range, not read as 1, 0 or the number inside."""
    expect_error(tmp_toml(text), key, shown, allowed)


def test_malformed_toml_and_missing_file(tmp_toml, tmp_path):
    expect_error(tmp_toml("[strategy\nmix = 1\n"), "malformed TOML")
    expect_error(tmp_path / "nowhere.toml", "file not found")


def test_a_new_content_type_must_say_who_values_it(tmp_toml):
    """A misspelt type ([content.promt]) would add an unused type with default interests; a new type has to set
    valued_by, and the error suggests the type it resembles."""
    expect_error(tmp_toml("[content.promt]\nannoyance = 0.5\n"), "content.promt", "valued_by", "did you mean promo")
    assert sim.load(tmp_toml("[content.promo]\nannoyance = 0.5\n")).content["promo"].annoyance == 0.5  # a default type: fine


def test_extends_cycle_is_refused(tmp_toml):
    tmp_toml('extends = "b.toml"\n', "a.toml")
    b = tmp_toml('extends = "a.toml"\n', "b.toml")
    expect_error(b, "cycle")


def test_a_dict_that_extends_a_file_names_where_the_bad_value_is_written(tmp_toml):
    """A bad value the dict sets is the dict's; one only its base file sets is named in that file."""
    from sim.scenario import ScenarioError, from_dict

    base = tmp_toml("[market]\npeople = -3\n", "base.toml")
    with pytest.raises(ScenarioError, match=r"^<dict>: market.people = -5: expected"):
        from_dict({"extends": str(base), "market": {"people": -5}})
    with pytest.raises(ScenarioError, match=rf"^<dict> -> {re.escape(str(base))}: market.people = -3: expected"):
        from_dict({"extends": str(base), "market": {"trust_mean": 0.5}})


# -- property: whatever is thrown at the loader, it either loads or says one line --------

SECTIONS = {
    "market": ["people", "initial_follower_share", "mean_degree"],
    "strategy": ["posts_per_day", "mix", "paid_boost_per_day"],
    "service": ["staff", "quality", "answer_share", "delete_share", "days_per_week"],
    "platform": ["reach_base", "post_split", "recommend_rate"],
    "content.promo": ["valued_by", "annoyance"],
}
values = st.one_of(
    st.integers(-10**12, 10**12), st.floats(allow_nan=False), st.booleans(), st.text(max_size=8),
    st.dictionaries(st.sampled_from(["promo", "info", "x"]), st.floats(-1, 2), max_size=3),
    st.lists(st.integers(), max_size=3),
)


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return {float("inf"): "inf", float("-inf"): "-inf"}.get(v, repr(v))
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"').encode("unicode_escape").decode().replace("\\\\u", "\\u") + '"'
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list):
        return "[" + ", ".join(map(toml_value, v)) + "]"
    return str(v)


@st.composite
def scenario_texts(draw):
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        section = draw(st.sampled_from(sorted(SECTIONS) + ["bogus"]))
        key = draw(st.sampled_from(SECTIONS.get(section, ["x"]) + ["not_a_key"]))
        lines.append(f"[{section}]\n{key} = {toml_value(draw(values))}\n")
    if draw(st.booleans()):
        lines.append(draw(st.text(max_size=20)))  # trailing garbage
    return "".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=scenario_texts())
def test_malformed_scenarios_give_one_line_naming_the_file(tmp_path, text):
    path = tmp_path / "fuzz.toml"
    path.write_text(text, encoding="utf-8")
    try:
        sim.load(path)
    except ScenarioError as e:
        msg = str(e)
        assert "\n" not in msg and msg.startswith(str(path)) and ": " in msg


def _ends():
    """Every numeric setting at each end of its allowed range (a content type's on promo): the values a sweep may
    reach. The market's size and the horizon are left out (their ends are a 50-million-person market and 274 years)."""
    from sim.scenario import parameters

    for r in parameters():
        ends = re.fullmatch(r"\[(\S+), (\S+)\]( or .*)?", r["range"])
        if ends and r["key"] not in ("market.people", "simulation.days", "simulation.seed"):
            for end in ends.group(1, 2):
                yield r["key"].replace("TYPE", "promo"), float(end)


@pytest.mark.parametrize("key, value", list(_ends()))
def test_every_allowed_value_runs(key, value):
    """A value a scenario accepts is one the model can run (platform.reach_base = 0 was accepted and divided by zero);
    an end that breaks a rule between settings (reach_min <= reach_max) is refused before the run, in one line."""
    try:
        scenario = sim.runner.resolve(SCENARIOS / "stammtisch.toml", days=3, people=300, overrides={key: value})
    except ScenarioError as e:
        assert "\n" not in str(e) and key.rsplit(".", 1)[1] in str(e)
        return
    assert len(sim.run(scenario, seed=1).daily) == 3


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda p: p.stem)
def test_a_scenario_written_as_a_file_reads_back_the_same(path, tmp_path):
    """The dashboard's export writes the strategies as set, so that the report's command runs them again: every
    shipped scenario, with a timeline entry and a calendar added, reads back to the same scenario (the same hash)."""
    from sim import runner

    sc = runner.resolve(path).with_overrides(timeline=[{"from": 3, "to": 8, "service": {"problem_rate": 0.01}},
                                                       {"at": 9, "strategy": {"posts_per_day": 2}}])
    for scenario in (sc, sc.with_overrides(**{"strategy.calendar": [["info"], [], ["promo", "info"], [], [], [], ["service"]]})):
        (tmp_path / "again.toml").write_text(scenario.to_toml())
        again = runner.resolve(tmp_path / "again.toml")
        assert again.hash() == scenario.hash() and again == scenario


def test_a_timelines_whole_number_scales_as_the_setting_it_sets():
    """`service.staff = 2` on a timeline (a TOML integer) was rounded when the market was scaled down: 0 people at
    3,000, no desk at all. A setting that is a number scales as a number, written 2 or 2.0, with its floor."""
    from sim import runner

    sc = runner.resolve(SCENARIOS / "stammtisch.toml")
    for two in (2, 2.0):
        small = sc.with_overrides(timeline=[{"at": 150, "service": {"staff": two}}]).scaled(3_000 / sc.market.people)
        desk = small.during(150).service
        assert desk.staff == pytest.approx(2 * 3_000 / sc.market.people) and desk.min_staff == 1.0, (two, desk)
    assert sc.scaled(0.5).market.people == sc.market.people // 2  # a count stays whole


@pytest.mark.parametrize("people", [2_000, 20_000, 1_000_000])
def test_a_scenario_written_for_a_market_is_the_brand_scaled_to_it(people):
    """The extensive defaults (prizes, listening) are the mid-size brand's: a scenario written for ``people`` without
    them gets them per person as the brand has them, the same scenario as the brand scaled to that market. A
    setting the scenario gives is kept as written."""
    from sim.scenario import BRAND_PEOPLE, Scenario, validate

    written = validate({"market": {"people": people}})
    brand = validate({"market": {"people": BRAND_PEOPLE}})
    assert written == brand.scaled(people / BRAND_PEOPLE)
    assert Scenario(market={"people": people}) == written  # built in Python, the same
    assert written.content["giveaway"].prize == pytest.approx(brand.content["giveaway"].prize * people / BRAND_PEOPLE)
    assert written.content["giveaway"].prize != brand.content["giveaway"].prize
    given = validate({"market": {"people": people}, "service": {"listening_cost_per_day": 7.0},
                      "content": {"giveaway": {"prize": 5.0}, "sample": {"appeal": 0.5}}})
    assert given.service.listening_cost_per_day == 7.0 and given.content["giveaway"].prize == 5.0
    assert given.content["sample"].prize == written.content["sample"].prize


def test_a_file_that_resizes_its_base_is_the_brand_scaled_to_its_market(tmp_path):
    """A file that extends a base and sets another market size is the same brand in that market, as --people makes
    it: the extensive settings its base writes (for the base's market; a timeline's too) are scaled, whether the base
    writes them or leaves them at their defaults; what the file writes itself is kept. A size that is no whole
    number is one line naming it."""
    (tmp_path / "written.toml").write_text("[market]\npeople = 250000\n[service]\nlistening_cost_per_day = 40\n"
                                           "[content.giveaway]\nprize = 300\n[[timeline]]\nat = 10\nstrategy.paid_boost_per_day = 50\n")
    (tmp_path / "left.toml").write_text("[market]\npeople = 250000\n[[timeline]]\nat = 10\nstrategy.paid_boost_per_day = 50\n")
    for base in ("written", "left"):
        (tmp_path / f"small-{base}.toml").write_text(f'extends = "{base}.toml"\n[market]\npeople = 20000\n')
    small = {b: sim.load(tmp_path / f"small-{b}.toml") for b in ("written", "left")}
    assert small["written"].with_overrides(name="x") == small["left"].with_overrides(name="x")
    assert small["written"].with_overrides(name="x") == sim.resolve(tmp_path / "written.toml", people=20000).with_overrides(name="x")
    assert small["written"].content["giveaway"].prize == pytest.approx(24.0)
    assert small["written"].timeline[0].strategy["paid_boost_per_day"] == pytest.approx(4.0)
    (tmp_path / "own.toml").write_text('extends = "written.toml"\n[market]\npeople = 20000\n[content.giveaway]\nprize = 5\n')
    assert sim.load(tmp_path / "own.toml").content["giveaway"].prize == 5.0
    (tmp_path / "half.toml").write_text("[market]\npeople = 20000.5\n")
    with pytest.raises(ScenarioError, match=r"half.toml: market.people = 20000.5: expected a whole number"):
        sim.load(tmp_path / "half.toml")
