#!/usr/bin/env python3
"""Fetch the front-end libraries we commit under static/vendor/ from the npm registry.

No build step: each library's minified file is copied as published, with its version
and licence noted in static/vendor/VERSIONS.txt. Run it to upgrade, then commit.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "static" / "vendor"

# package, version, file inside the package, name under static/vendor, licence
LIBRARIES = [
    ("htmx.org", "2.0.11", "package/dist/htmx.min.js", "htmx.min.js", "0BSD"),
]


def fetch(package: str, version: str, member: str, target: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", f"{package}@{version}", "--silent", "--pack-destination", tmp],
            check=True,
            capture_output=True,
        )
        archive = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(archive) as tar:
            extracted = tar.extractfile(member)
            if extracted is None:
                sys.exit(f"{member} not found in {package}@{version}")
            (VENDOR / target).write_bytes(extracted.read())


def main() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    lines = ["# Fetched by scripts/fetch_vendor.py from the npm registry. Do not edit."]
    for package, version, member, target, licence in LIBRARIES:
        fetch(package, version, member, target)
        lines.append(f"{target}: {package}@{version} ({licence})")
    (VENDOR / "VERSIONS.txt").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
