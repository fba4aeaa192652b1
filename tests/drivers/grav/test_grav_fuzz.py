"""Every Grav parser under hostile input: truncated, wrong-typed and binary files.

Only AegirError subclasses may escape; blueprints never fail (they become warnings naming the file).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from aegir.core.errors import AegirError, ParseError
from aegir.drivers.grav import GravDriver
from aegir.drivers.grav._blueprints import read_blueprint
from aegir.drivers.grav._defines import read_defines

REALDATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures" / "realdata"
BLUEPRINTS = sorted((REALDATA / "grav").glob("*/user/*/*/blueprints.yaml"))
YAML_BITS = ["name: ", "version: ", "'", '"', "\\", "@", "- ", ": ", "\n", "  ", "{", "}", "[", "]", "&a", "*a",
             "!!python/object:os.system", "!!binary", "%YAML 1.1\n", "---\n", "1.10", "2001-13-45", "#", "\t"]  # fmt: skip
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=15,
)


def blueprint_of(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "blueprints.yaml"
        path.write_bytes(data)
        found = read_blueprint(path, "user/plugins/x/blueprints.yaml")
        assert found.warning is None or found.warning.startswith("user/plugins/x/blueprints.yaml: ")
        assert found.version is None or isinstance(found.version, str)


@given(st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=4), max_size=40).map("".join))
def test_blueprints_from_yaml_like_noise(text: str) -> None:
    blueprint_of(text.encode("utf-8", "surrogatepass"))


@given(st.binary(max_size=300))
def test_blueprints_from_binary(data: bytes) -> None:
    blueprint_of(data)


@given(st.data())
def test_blueprints_truncated(data: st.DataObject) -> None:
    raw = data.draw(st.sampled_from(BLUEPRINTS)).read_bytes()
    blueprint_of(raw[: data.draw(st.integers(min_value=0, max_value=len(raw)))])


@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_defines_of_any_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "defines.php"
        path.write_bytes(b"<?php\n" + data)
        try:
            assert read_defines(path)["GRAV_VERSION"]
        except ParseError as e:
            assert str(e).startswith("system/defines.php: ")


@given(
    lock=st.binary(max_size=120) | json_values.map(lambda v: json.dumps(v).encode()),
    defines=st.binary(max_size=80),
    blueprint=st.binary(max_size=120),
)
def test_whole_scan_of_hostile_trees(lock: bytes, defines: bytes, blueprint: bytes) -> None:
    driver = GravDriver()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, data in (
            ("system/defines.php", b"<?php define('GRAV_VERSION', '1.7.1');" + defines),
            ("composer.lock", lock),
            ("user/plugins/p/blueprints.yaml", blueprint),
            ("user/themes/t/blueprints.yaml", blueprint[::-1]),
        ):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        detection = driver.detect(root)
        assert detection is not None
        try:
            result = driver.scan(root, detection)
        except AegirError as e:
            assert str(e).startswith("composer.lock"), str(e)
        else:
            assert {e.name for e in result.extensions} == {"p", "t"}
