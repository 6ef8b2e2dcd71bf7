"""Who runs the kiosk: the organisation profile chosen by staff at first run.

The choice is a store setting (encrypted with everything else) and is recorded in each
interview's `started` event, so an interview always reads back with the profile it was run
under. The flow sees it through the condition name `organisation` (`not_set` until chosen);
the profiles themselves (labels, who they may refer to) are content: content/organisations.yaml.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Protocol

SETTING_KEY = "organisation"


class OrganisationKind(StrEnum):
    NGO_SHELTER = "ngo_shelter"
    EMBASSY = "embassy"
    LABOUR_INSPECTION = "labour_inspection"
    POLICE = "police"
    IMMIGRATION = "immigration"
    CHILD_PROTECTION = "child_protection"


NOT_SET = "not_set"
# Every value the condition name `organisation` can take, for the flow validator.
CONDITION_VALUES: tuple[str, ...] = (*(kind.value for kind in OrganisationKind), NOT_SET)


class SettingStore(Protocol):
    def setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


def current(store: SettingStore) -> str:
    """The chosen organisation kind, or `not_set` (also for an unknown stored value)."""
    value = store.setting(SETTING_KEY, NOT_SET)
    return value if value in CONDITION_VALUES else NOT_SET


def choose(store: SettingStore, kind: str) -> None:
    """Record the organisation kind; refuses anything that is not a known kind."""
    if kind not in {k.value for k in OrganisationKind}:
        known = ", ".join(k.value for k in OrganisationKind)
        raise ValueError(f"unknown organisation kind '{kind}' (one of {known})")
    store.set_setting(SETTING_KEY, kind)
