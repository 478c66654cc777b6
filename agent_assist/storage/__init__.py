"""SQLite storage shared by the core packages: paths, connection, pragmas, migrations. No Qt."""

from agent_assist.storage.db import Database, Migrations, migrate, open_db, write_transaction
from agent_assist.storage.errors import (
    DatabaseDamaged,
    StorageError,
    StorageUnavailable,
    describe_error,
    is_disk_full,
)
from agent_assist.storage.files import move_aside
from agent_assist.storage.memory import release_memory
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
    "DatabaseDamaged",
    "Migrations",
    "StorageError",
    "StorageUnavailable",
    "cache_dir",
    "data_dir",
    "db_path",
    "describe_error",
    "is_disk_full",
    "migrate",
    "move_aside",
    "open_db",
    "release_memory",
    "shipped_kb_dir",
    "shipped_ui_dir",
    "write_transaction",
]
