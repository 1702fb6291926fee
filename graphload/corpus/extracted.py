"""Reading `graphload extract` output: one extraction record per JSONL line."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from graphload.corpus.read import ReadReport
from graphload.errors import InputError


def read_extracted(paths: Iterable[str | Path], report: ReadReport) -> Iterator[dict]:
    """Records of `graphload extract` JSONL files; a broken line is skipped and reported as file:line."""
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        report.files += 1
        with path.open(encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    report.skipped.append((f"{path}:{number}", f"malformed JSON ({exc.msg})"))
                    continue
                if not isinstance(record, dict) or not record.get("id") or not record.get("title"):
                    report.skipped.append((f"{path}:{number}", "not an extraction record (needs id and title)"))
                    continue
                report.records += 1
                yield record
