"""Where the YAML seed files live and how a test reads one, without a database."""

from __future__ import annotations

from pathlib import Path

import yaml

from storage.seed_schema import SeedFile

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
SEED_FILES = sorted(SEEDS_DIR.glob("*.yaml"))


def load_seed(path: Path) -> SeedFile:
    """One seed file, read with `yaml.safe_load` and validated with the pydantic schema."""
    with path.open(encoding="utf-8") as handle:
        return SeedFile.model_validate(yaml.safe_load(handle))
