"""The flows this kiosk offers: found in one folder, loaded and validated once each."""

from __future__ import annotations

from pathlib import Path

from kiosk.core import paths
from kiosk.core.content import indicator_catalog
from kiosk.core.errors import KioskError
from kiosk.core.flow import Flow
from kiosk.core.flow_loader import flow_files, load_flow


class FlowLibrary:
    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._loaded: dict[Path, Flow] = {}

    @property
    def folder(self) -> Path:
        return self._folder if self._folder is not None else paths.flows_dir()

    def files(self) -> list[Path]:
        folder = self.folder
        return flow_files([folder]) if folder.is_dir() else []

    def add(self, flow: Flow) -> None:
        """Offer an already loaded flow (e.g. the one `kiosk simulate` was given)."""
        self._loaded[Path(flow.path)] = flow

    def load(self, path: Path) -> Flow:
        """The flow in `path`, validated against the indicator catalogue (`FlowError` if not)."""
        if path not in self._loaded:
            catalog = indicator_catalog()
            self._loaded[path] = load_flow(path, catalog.tags() if catalog is not None else None)
        return self._loaded[path]

    def by_id(self, flow_id: str) -> Flow:
        for flow in self._loaded.values():
            if flow.id == flow_id:
                return flow
        for path in self.files():
            try:
                flow = self.load(path)
            except KioskError:
                continue
            if flow.id == flow_id:
                return flow
        raise KioskError("The flow this interview was recorded with is not on this kiosk.")
