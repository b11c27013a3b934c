"""The YAML of a criteria file read into plain data (dicts, lists, text, numbers), with the line of every
YAML path, and nothing else: no alias is expanded, no tag constructed, size and depth are bounded, every
control character is refused. What the data means is checked by ranking.schema and built by ranking.criteria."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from ranking.errors import CriteriaError, Problem, Problems
from ranking.syntax import CONTROL, control_problem, describe, nfc

# The limits of a criteria file (README, "Limits")
MAX_BYTES = 1_000_000  # a criteria file; the bundled ones are 18–24 kB
MAX_YAML_DEPTH = 32  # nested lists and mappings; the format needs 22 with composites 6 deep
MAX_NUMBER_CHARS = 4000  # a number written with more characters is refused before it is converted
MAX_READER_PROBLEMS = 50  # the YAML-level problems listed before the listing stops
_BREAK = re.compile(r"\r\n|\r|\n")


class _Refused(Exception):
    """Stop reading: a limit is reached (the problems say which)."""


class _Frame:
    """An open list or mapping while the events are read."""

    def __init__(self, value: dict[str, object] | list[object], path: str) -> None:
        self.value = value
        self.path = path
        self.key: str | None = None  # a mapping's key waiting for its value
        self.skip = False  # that key was a duplicate: its value is dropped


class _YamlReader:
    """Builds plain data from the parser's events, iteratively: no alias is expanded, no tag constructed, no
    recursion, so an alias bomb or a 50,000-deep nesting costs one pass over the events and stops early.
    Notes the line of every YAML path."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems = Problems(MAX_READER_PROBLEMS)
        self.lines: dict[str, int] = {}
        self._resolver = yaml.resolver.Resolver()
        self._constructor = yaml.constructor.SafeConstructor()

    def add(self, reason: str, line: int | None, path: str | None = None, at: int | None = None,
            **params: object) -> None:
        """Note a problem (`at`: its column); past the cap, stop reading: the rest is counted, not listed."""
        full = self.problems.full
        self.problems.add(Problem(self.file, reason, params, line=line, path=path or None,
                                  column=None if at is None else str(at)))
        if full:
            raise _Refused

    def read(self, text: str) -> object:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        stack: list[_Frame] = []
        root: list[object] = []
        documents = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                line = event.start_mark.line + 1 if event.start_mark else 0
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self.add("yaml_documents", line)
                        raise _Refused
                elif isinstance(event, yaml.CollectionEndEvent):
                    done = stack.pop()
                    self._put(stack, root, done.value, line)
                elif isinstance(event, yaml.NodeEvent):
                    self._node(event, line, stack, root)
        except _Refused:
            return None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            where: int | None = mark.line + 1 if mark else None
            if "nesting depth" in detail:  # libyaml's own limit (1,000 flow levels), met while scanning ahead
                self.problems.add(Problem(self.file, "yaml_too_deep", {"accepted": MAX_YAML_DEPTH}, line=where))
            else:
                self.problems.add(Problem(self.file, "yaml_syntax", {"detail": detail}, line=where))
            return None
        return root[0] if root else None

    def _slot(self, stack: list[_Frame]) -> tuple[str, bool]:
        """The path of the next node, and whether it is a mapping's key."""
        if not stack:
            return "", False
        top = stack[-1]
        if isinstance(top.value, list):
            return f"{top.path}[{len(top.value)}]", False
        if top.key is None:
            return top.path, True
        return f"{top.path}.{top.key}" if top.path else top.key, False

    def _node(self, event: yaml.NodeEvent, line: int, stack: list[_Frame], root: list[object]) -> None:
        path, is_key = self._slot(stack)
        if isinstance(event, yaml.AliasEvent):
            self.add("yaml_alias", line, path, found=event.anchor)
            self._put(stack, root, None, line)
            return
        if event.anchor is not None:
            self.add("yaml_anchor", line, path, found=event.anchor)
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            self.add("yaml_tag", line, path, found=tag.replace("tag:yaml.org,2002:", "!!"))
        if isinstance(event, yaml.ScalarEvent):
            self._put(stack, root, self._scalar(event, line, path, tag is not None), line)
            return
        if is_key:
            self.add("yaml_complex_key", line, path)
        if len(stack) >= MAX_YAML_DEPTH:
            self.add("yaml_too_deep", line, path, accepted=MAX_YAML_DEPTH)
            raise _Refused
        if not is_key:
            self.lines[path] = line
        value: dict[str, object] | list[object] = {} if isinstance(event, yaml.MappingStartEvent) else []
        stack.append(_Frame(value, path if not is_key else f"{path}.?"))

    def _scalar(self, event: yaml.ScalarEvent, line: int, path: str, tagged: bool) -> object:
        """The plain value of a scalar: null, a boolean, an int, a float or text (dates stay text)."""
        text = event.value
        bad = control_problem(text)
        if bad is not None:
            self.add("control_char", line, path, found=bad["found"], offset=bad["offset"])
            return "?"
        resolved: str = self._resolver.resolve(yaml.ScalarNode, text, event.implicit)  # type: ignore[no-untyped-call]
        kind = "str" if tagged else resolved.rsplit(":", 1)[-1]
        if kind in ("int", "float") and len(text) > MAX_NUMBER_CHARS:
            self.add("number_too_long", line, path, found=len(text), accepted=MAX_NUMBER_CHARS)
            return None
        node = yaml.ScalarNode(f"tag:yaml.org,2002:{kind}", text)
        if kind == "null":
            return None
        if kind == "bool":
            return self._constructor.construct_yaml_bool(node)
        if kind == "int":
            return self._constructor.construct_yaml_int(node)
        if kind == "float":
            return self._constructor.construct_yaml_float(node)
        return nfc(text)

    def _put(self, stack: list[_Frame], root: list[object], value: object, line: int) -> None:
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        if isinstance(top.value, list):
            self.lines.setdefault(f"{top.path}[{len(top.value)}]", line)
            top.value.append(value)
        elif top.key is None:  # a key
            if not isinstance(value, str):
                if not isinstance(value, dict | list):
                    self.add("key_not_text", line, top.path, found=describe(value))
                value = "?"
            top.skip = value in top.value and value != "?"
            if top.skip:
                self.add("yaml_duplicate_key", line, top.path or "/", found=value)
            top.key = value
        else:
            path = f"{top.path}.{top.key}" if top.path else top.key
            self.lines.setdefault(path, line)
            if not top.skip:
                top.value[top.key] = value
            top.key = None


def _line_of(text: str, position: int) -> int:
    return len(_BREAK.findall(text, 0, position)) + 1


def _decode(raw: bytes, file: str) -> str:
    """The text of a UTF-8 file (a BOM is dropped), or a CriteriaError naming the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start].decode("utf-8-sig")
        column = len(before) - max(before.rfind("\n"), before.rfind("\r"))
        raise CriteriaError([Problem(file, "criteria_not_utf8", {"found": f"0x{raw[exc.start]:02x}",
                                                                  "column": column},
                                     line=_line_of(before, len(before)))]) from None


def _read_bytes(path: str | Path, file: str) -> bytes:
    """The file's bytes, at most MAX_BYTES (a larger file, or a device that never ends, is refused)."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise CriteriaError([Problem(file, "file_missing")]) from None
    except OSError as exc:
        raise CriteriaError([Problem(file, "file_unreadable", {"detail": exc.strerror})]) from None
    if len(raw) > MAX_BYTES:
        raise CriteriaError([Problem(file, "criteria_too_large", {"accepted": f"{MAX_BYTES:,}"})])
    return raw


def _line(lines: Mapping[str, int], path: str) -> int | None:
    """The line of a YAML path, or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return lines.get("", 1)


@dataclass(frozen=True)
class Document:
    """A criteria file's plain data, the line of each YAML path in it, and the SHA-256 of its bytes."""

    file: str
    data: object
    lines: Mapping[str, int]
    sha256: str

    def line(self, path: str) -> int | None:
        """The line of a YAML path, or of its nearest ancestor that has one."""
        return _line(self.lines, path)


def read_yaml(path: str | Path) -> Document:
    """Read a criteria file as plain data; raise CriteriaError listing every problem of the bytes and the
    YAML (encoding, size, control characters, syntax, aliases, tags, duplicate keys, depth) with its line."""
    file = str(path)
    raw = _read_bytes(path, file)
    text = _decode(raw, file)
    reader = _YamlReader(file)
    for match in CONTROL.finditer(text):
        column = match.start() - max(text.rfind("\n", 0, match.start()), text.rfind("\r", 0, match.start()))
        try:
            reader.add("control_char", _line_of(text, match.start()), None, at=column,
                       found=f"U+{ord(match.group()):04X}", offset=column)
        except _Refused:
            break
    data = reader.read(text) if not reader.problems.errors else None
    if reader.problems.errors:
        raise CriteriaError(reader.problems.errors)
    return Document(file, data, reader.lines, hashlib.sha256(raw).hexdigest())
