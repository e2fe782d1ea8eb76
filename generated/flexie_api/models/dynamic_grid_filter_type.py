from enum import Enum


class DynamicGridFilterType(str, Enum):
    BOOLEAN = "boolean"
    COUNTRY = "country"
    DATE = "date"
    DATETIME = "datetime"
    LOOKUP = "lookup"
    NUMBER = "number"
    REGION = "region"
    SELECT = "select"
    SELECTIN = "selectIn"
    TEXT = "text"
    TIME = "time"
    TIMEZONE = "timezone"
    URL = "url"

    def __str__(self) -> str:
        return str(self.value)
