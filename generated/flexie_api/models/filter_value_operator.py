from enum import Enum


class FilterValueOperator(str, Enum):
    BETWEEN = "between"
    CONTAINS = "contains"
    ENDS_WITH = "ends_with"
    EQ = "eq"
    GT = "gt"
    GTE = "gte"
    IN = "in"
    ISNOTNULL = "isNotNull"
    ISNULL = "isNull"
    LIKE = "like"
    LT = "lt"
    LTE = "lte"
    NEQ = "neq"
    NOTIN = "notIn"
    NOT_CONTAINS = "not_contains"
    STARTS_WITH = "starts_with"

    def __str__(self) -> str:
        return str(self.value)
