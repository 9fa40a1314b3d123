"""One config file serves the drafts and the app's key remapping."""

from __future__ import annotations

import pytest

from demarche.store.settings import load_config
from demarche.errors import DemarcheError
from demarche.store.workspace import Workspace


def test_keys_table_is_accepted_beside_post_settings(tmp_path):
    ws = Workspace(tmp_path)
    ws.config_path.write_text(
        '[post]\nsignature = "BEYRLE"\n\n[keys]\n"meeting.delivered" = "d,x"\n'
    )
    cfg = load_config(ws)
    assert cfg.signature == "BEYRLE"
    assert cfg.keys == {"meeting.delivered": "d,x"}


def test_bad_key_binding_names_its_key_path(tmp_path):
    ws = Workspace(tmp_path)
    ws.config_path.write_text('[keys]\n"meeting.delivered" = 3\n')
    with pytest.raises(DemarcheError) as err:
        load_config(ws)
    assert (
        str(err.value)
        == f'{ws.config_path}: keys.meeting.delivered: expected key names like "d,ctrl+d"'
    )


def test_app_keymap_reads_the_same_table(tmp_path):
    pytest.importorskip("textual")
    from demarche.tui.keymap import load_keymap

    ws = Workspace(tmp_path)
    ws.config_path.write_text('[keys]\n"app.quit" = "ctrl+q"\n')
    assert load_keymap(ws) == {"app.quit": "ctrl+q"}
