"""Errors and warnings found in a file, each with file, line, column, value and reason."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

LISTED_PER_KIND = 100
VALUE_SHOWN = 60


def shorten(value: str | None, limit: int = VALUE_SHOWN) -> str | None:
    """A value as shown in a report: at most `limit` characters."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One finding. `line` is the physical line (header = 1); 0 when about the whole file."""

    severity: str  # error | warning
    file: str
    line: int
    column: str | None
    value: str | None
    reason: str

    def text(self) -> str:
        parts = [self.file]
        if self.line:
            parts.append(f"line {self.line}")
        if self.column:
            parts.append(f"column {self.column}")
        if self.value is not None:
            parts.append(f"value '{shorten(self.value)}'")
        return f"{self.severity.upper()} {', '.join(parts)}: {self.reason}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["value"] = shorten(self.value)
        return data


@dataclass
class Report:
    """The problems of one file: the first 100 errors and 100 warnings listed, all counted."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0

    def add(self, problem: Problem) -> None:
        if problem.severity == "error":
            self.error_count += 1
            if len(self.errors) < LISTED_PER_KIND:
                self.errors.append(problem)
        else:
            self.warning_count += 1
            if len(self.warnings) < LISTED_PER_KIND:
                self.warnings.append(problem)

    def grouped_warning(self, problem: Problem, count: int) -> None:
        """One listed warning standing for `count` findings of the same kind (all counted)."""
        self.add(problem)
        self.warning_count += count - 1

    def error(self, file: str, line: int, column: str | None, value: str | None, reason: str) -> None:
        self.add(Problem("error", file, line, column, value, reason))

    def warning(self, file: str, line: int, column: str | None, value: str | None, reason: str) -> None:
        self.add(Problem("warning", file, line, column, value, reason))

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0

    def extend(self, other: "Report") -> None:
        for problem in other.errors + other.warnings:
            self.add(problem)
        self.error_count += other.error_count - len(other.errors)
        self.warning_count += other.warning_count - len(other.warnings)

    def lines(self) -> list[str]:
        """Human-readable lines: errors first, then warnings, with the totals."""
        out = [p.text() for p in self.errors]
        if self.error_count > len(self.errors):
            out.append(f"... {self.error_count - len(self.errors)} more errors "
                       f"({self.error_count} in all; the first {len(self.errors)} are listed)")
        out.extend(p.text() for p in self.warnings)
        if self.warning_count > len(self.warnings):
            out.append(f"... {self.warning_count - len(self.warnings)} more warnings "
                       f"({self.warning_count} in all; the first {len(self.warnings)} are listed)")
        return out

    def first_error(self) -> str:
        return self.errors[0].text() if self.errors else ""

    def as_list(self) -> list[dict]:
        return [p.as_dict() for p in self.errors + self.warnings]
