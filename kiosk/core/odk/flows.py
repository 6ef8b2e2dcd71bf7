"""Which flow an ODK form belongs to: found by id among the flows the kiosk carries."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.errors import KioskError
from kiosk.core.flow import Flow
from kiosk.core.flow_loader import flow_files, load_flow
from kiosk.core.validation import indicator_tags


def find_flow(flow_id: str, folder: Path) -> Flow:
    for file in flow_files([folder]) if folder.is_dir() else []:
        flow = load_flow(file, indicator_tags())
        if flow.id == flow_id:
            return flow
    raise KioskError(f"this kiosk has no flow '{flow_id}' for the connected form")
