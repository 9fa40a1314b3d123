"""Post settings: defaults, the post from the instruction, validation naming key paths."""

from __future__ import annotations

import pytest

from demarche.store.settings import PostConfig, config_from_dict, load_config, post_from_addressee
from demarche.errors import FormatError
from demarche.model import Instruction


def test_defaults_when_absent(workspace):
    cfg = load_config(workspace)
    assert cfg == PostConfig() and cfg.wrap_width == 60 and cfg.eo_number == "13526"
    assert set(cfg.sources.values()) == {"default"}


@pytest.mark.parametrize(
    "addressee, post",
    [
        ("AMEMBASSY MOSCOW", "MOSCOW"),
        ("RUEHMO/AMEMBASSY MOSCOW PRIORITY 3941", "MOSCOW"),
        ("AMCONSUL ST PETERSBURG", "ST PETERSBURG"),
        ("ALL NATO POST COLLECTIVE", ""),
    ],
)
def test_post_from_addressee(addressee, post):
    assert post_from_addressee(addressee) == post


def test_post_name_configured_or_derived():
    ins = Instruction(id="STATE 1", to=["AMEMBASSY MOSCOW"])
    assert PostConfig().post_for(ins) == "MOSCOW"
    assert PostConfig(post="St Petersburg").post_for(ins) == "ST PETERSBURG"
    assert PostConfig().post_for(Instruction(id="x")) == "POST"


def test_every_problem_named_by_key_path():
    with pytest.raises(FormatError) as exc:
        config_from_dict(
            {
                "post": {"signatur": "X", "signature": 3},
                "report": {"wrap_width": True},
                "colour": 1,
            },
            "c.toml",
        )
    msg = str(exc.value)
    assert "c.toml: post.signatur: unknown key" in msg
    assert "c.toml: post.signature: expected text" in msg
    assert "c.toml: report.wrap_width: expected a whole number" in msg
    assert "c.toml: colour: unknown key" in msg


def test_values_and_sources(workspace):
    workspace.config_path.write_text(
        '[post]\nname = "Moscow"\n[report]\neo_number = 12958\nwrap_width = 65\n'
    )
    cfg = load_config(workspace)
    assert (cfg.post, cfg.eo_number, cfg.wrap_width) == ("Moscow", "12958", 65)
    assert cfg.sources["wrap_width"].endswith("demarche.toml:report.wrap_width")
    assert cfg.sources["signature"] == "default"


def test_broken_toml_is_one_line(workspace):
    workspace.config_path.write_text("[post\n")
    with pytest.raises(FormatError, match="demarche.toml: line 1"):
        load_config(workspace)
