"""The table of settings: which keys exist, their German labels, which the user may set."""

from __future__ import annotations

from stellungnahme_app.settings import SETTING_KEYS, SETTING_LABELS, USER_EDITABLE_KEYS


def test_user_editable_keys_are_setting_keys() -> None:
    assert set(USER_EDITABLE_KEYS) <= set(SETTING_KEYS)
    assert set(SETTING_LABELS) == set(SETTING_KEYS)
    assert {"default_department", "default_signatory", "template"} <= set(USER_EDITABLE_KEYS)
