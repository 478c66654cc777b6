"""SQLite storage shared by the core packages: paths, connection, pragmas, migrations. No Qt."""

from agent_assist.storage.db import Database, Migrations, migrate, open_db
from agent_assist.storage.paths import (
    ENV_DATA_DIR,
    cache_dir,
    data_dir,
    db_path,
    shipped_kb_dir,
    shipped_ui_dir,
)

__all__ = [
    "ENV_DATA_DIR",
    "Database",
    "Migrations",
    "cache_dir",
    "data_dir",
    "db_path",
    "migrate",
    "open_db",
    "shipped_kb_dir",
    "shipped_ui_dir",
]
