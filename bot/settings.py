"""Settings from the environment (and an optional `.env` file).

The bot token is read from TELEGRAM_BOT_TOKEN and never logged or written.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data"
DEFAULT_DB = ROOT / "projektbot.db"
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
TIMEZONE = "Europe/Copenhagen"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    webhook_url: str | None = None
    data_dir: Path = Field(default=DEFAULT_DATA, alias="PROJEKTBOT_DATA")
    db_path: Path = Field(default=DEFAULT_DB, alias="PROJEKTBOT_DB")
    seeds_dir: Path = Field(default=DEFAULT_SEEDS, alias="PROJEKTBOT_SEEDS")
    admin_ids: list[int] = Field(default=[], alias="PROJEKTBOT_ADMINS")
    port: int = Field(default=8080, alias="PORT")
