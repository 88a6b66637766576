"""Wheel build hook: the checkout's resource folders travel inside the package as graphkg/share/
(ontology/, queries/, viz/, and every table of data/ but not the reports in data/raw/), so adding a
table or a query needs no change here. An editable install reads the checkout itself."""

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# the same mapping as graphkg/resources.py FOLDERS: packaged name -> (checkout folder, pattern)
FOLDERS = {
    "ontology": ("ontology", "**/*"),
    "queries": ("queries", "*.rq"),
    "tables": ("data", "*.csv"),
    "viz": ("viz", "*"),
    "templates": ("templates", "*"),
}


class ResourcesHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel" or version == "editable":
            return
        for packaged, (source, pattern) in FOLDERS.items():
            base = Path(self.root, source)
            for path in sorted(p for p in base.glob(pattern) if p.is_file()):
                build_data["force_include"][str(path)] = (
                    f"graphkg/share/{packaged}/{path.relative_to(base)}"
                )
