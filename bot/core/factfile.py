"""The fact file: its data model, and loading it with every problem reported as `FILE:LINE: message`.

The YAML is read as a node tree (not plain Python objects) so that each value keeps the line it
came from; validation walks the nodes, collects every problem it finds, and only a file without
problems becomes a `FactBase`. The schema is documented in `facts/README.md`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.core.compute import COMPUTERS
from bot.core.dates import PartialDate, date_problem
from bot.core.errors import FactFileError, Problem
from bot.core.normalize import fold
from bot.core.texts import known_languages

Text = Mapping[str, str]
TextList = Mapping[str, tuple[str, ...]]

ENTITY_KINDS = frozenset({"person", "place", "state", "organisation", "treaty", "group", "event"})
QUESTION_KINDS = frozenset({"who", "when", "where", "why", "what", "how", "how_many", "how_long"})
COMPUTE_KINDS = frozenset(COMPUTERS)  # every name Composer can compute
GRAMMATICAL_NUMBERS = frozenset({"singular", "plural"})
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANG = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True, slots=True)
class SourceEntry:
    id: str
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: Text
    short: Text
    aliases: TextList
    summary: Text
    signed: dt.date | None
    in_force_from: dt.date | None
    in_force_until: dt.date | None
    parties: tuple[str, ...]
    sources: tuple[str, ...]
    # Per language, "plural" when `short` is ("the Locarno Treaties"): computed answers agree with it.
    number: Text = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    kind: str
    name: Text
    aliases: TextList
    description: Text
    role: str | None = None
    side: str | None = None
    sources: tuple[str, ...] = ()
    # A capital or seat of government: the state it may stand for ("Alpha City objected")
    seat_of: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: PartialDate
    text: Text
    facts: tuple[str, ...] = ()
    # A date something was due rather than something that happened (a term's planned end): spans
    # reach it ("how long before its planned expiry was it broken?"), the timeline does not list it.
    scheduled: bool = False


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    title: Text
    answer: Text
    asks: tuple[str, ...]
    phrasings: TextList
    keywords: TextList
    entities: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    compute: str | None = None


@dataclass(frozen=True, slots=True)
class FactBase:
    """A validated fact file."""

    path: Path
    languages: tuple[str, ...]
    topic: Topic
    sources: Mapping[str, SourceEntry]
    entities: Mapping[str, Entity]
    events: tuple[Event, ...]
    facts: Mapping[str, Fact]
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Limits:
    """How big a fact file may be, and what it may expand to; facts/README.md documents each one.

    A few hundred kilobytes of YAML can name the same long text thousands of times through
    aliases (`&anchor` / `*anchor`), and everything the engine indexes costs time and memory;
    these bounds keep loading (and a live reload) to seconds and to a few hundred megabytes.
    """

    # 16 MiB: room for some 30,000 facts (10,000 generated ones take 4 MB) while a load stays at
    # seconds; the shipped file is about 250 KB.
    file_bytes: int = 16 * 1024 * 1024
    # The file's values with every alias written out, each value and list or mapping counting at
    # least one: a file without aliases stays within `file_bytes` by this measure.
    expanded_size: int = 16 * 1024 * 1024
    aliases: int = 1000
    prose_chars: int = 2000  # an answer, summary, description or event text (a platform message)
    short_chars: int = 300  # every other value: names, aliases, titles, phrasings, keywords, ids, urls


LIMITS = Limits()


def load_fact_file(path: Path | str) -> FactBase:
    """Read and validate a fact file; raise `FactFileError` listing every problem found."""
    path = Path(path)
    return parse_fact_file(read_fact_bytes(path), path)


def read_fact_bytes(path: Path, limit: int = LIMITS.file_bytes) -> bytes:
    """The bytes of the fact file at `path`: a regular file of at most `limit` bytes.

    Anything else is a `FactFileError` at once: a FIFO would block the reader until someone writes
    to it, /dev/zero never ends, and a directory cannot be read.
    """
    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer. It changes nothing for a file.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError as exc:
        raise _file_problem(name, "no such fact file") from exc
    except OSError as exc:
        raise _file_problem(name, f"cannot read the fact file: {exc.strerror or exc}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = _file_kind(mode)
            raise _file_problem(name, f"not a regular file ({kind}); a fact file must be a plain file")
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(fd, limit + 1 - size)):  # it may grow as we read
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _file_problem(name, f"cannot read the fact file: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise _file_problem(name, f"larger than {limit:,} bytes, the most a fact file may be")
    return data


def _file_problem(name: str, message: str) -> FactFileError:
    return FactFileError([Problem(name, 0, message)])  # about the whole file: no line to point at


_BOOLEANS = frozenset({"true", "false"})


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((kind for test, kind in kinds if test(mode)), "not a plain file")


# What YAML accepts in a document: tab, line breaks, printable ASCII, NEL, and the printable rest of
# Unicode. PyYAML's reader rejects anything else without a line number, so we look first.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 (byte 0x{data[exc.start]:02x}: {exc.reason}); save the fact file as UTF-8"
        raise FactFileError([Problem(name, line, message)]) from exc


def _check_printable(text: str, name: str) -> None:
    problems: list[Problem] = []
    line, counted = 1, 0
    for match in _NOT_PRINTABLE.finditer(text):
        line, counted = line + text.count("\n", counted, match.start()), match.start()
        if not problems or problems[-1].line != line:  # one report per line is enough
            code = f"U+{ord(match.group()):04X}"
            problems.append(Problem(name, line, f"control character {code} is not allowed in a fact file"))
        if len(problems) >= 20:
            break
    if problems:
        raise FactFileError(problems)


def parse_fact_file(content: str | bytes, path: Path) -> FactBase:
    """Validate a fact file's content (bytes must be UTF-8); `path` names it in every problem."""
    name = str(path)
    text = _decode(content, name) if isinstance(content, bytes) else content
    _check_printable(text, name)
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise FactFileError([Problem(name, line, f"YAML syntax: {exc.problem or exc}")]) from exc
    except yaml.YAMLError as exc:
        raise FactFileError([Problem(name, 0, f"YAML syntax: {exc}")]) from exc
    # Without an alias ("*name") the document is no bigger than its text, which `file_bytes` bounds:
    # the walk that measures what aliases expand to would only cost time.
    may_expand = "*" in text or len(text) > LIMITS.expanded_size
    if root is not None and may_expand and (too_big := _expansion_problems(root, name, LIMITS)):
        raise FactFileError(too_big)
    reader = _Reader(name)
    facts = reader.read_root(root, path)
    if reader.problems or facts is None:
        raise FactFileError(reader.problems)
    return facts


_T = TypeVar("_T")
# libyaml's loader when PyYAML was built with it: the same nodes and line marks, many times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _edges(node: Node) -> list[tuple[int, Node]]:
    """A node's children in document order, each with the line that names it (an alias has no mark
    of its own: a mapping value is placed at its key, a list item at its list)."""
    if isinstance(node, SequenceNode):
        return [(_line(node), item) for item in node.value]
    if isinstance(node, MappingNode):
        return [(_line(key), child) for key, value in node.value for child in (key, value)]
    return []


def _expansion_problems(root: Node, file: str, limits: Limits) -> list[Problem]:
    """What the document would become with every YAML alias written out, measured without writing it out.

    The composer gives every alias of an anchor the anchor's own node, so the document is a graph
    whose size is the file's; a walk that measures each node once costs no more, however many
    times over the aliases would repeat it (six thousand aliases of a 100 KB text: 600 MB).
    """
    size: dict[int, int] = {}  # id(node) -> its size with aliases written out, once measured
    uses: dict[int, tuple[Node, int]] = {}  # id(node) -> (node, how often an alias repeats it)
    aliases, alias_over_line = 0, 0
    entered: set[int] = set()
    stack: list[tuple[Node, int, bool]] = [(root, _line(root), False)]
    while stack:
        node, line, finished = stack.pop()
        key = id(node)
        if finished:
            children = _edges(node)
            own = max(1, len(node.value)) if isinstance(node, ScalarNode) else 1
            size[key] = own + sum(size[id(child)] for _, child in children)
            continue
        if key in entered:
            if key not in size:  # entered, not finished: an ancestor of where we are
                return [Problem(file, line, "a YAML alias here refers to a value that contains it")]
            aliases += 1
            if aliases == limits.aliases + 1:
                alias_over_line = line
            uses[key] = (node, uses.get(key, (node, 0))[1] + 1)
            continue
        entered.add(key)
        stack.append((node, line, True))
        stack.extend((child, at, False) for at, child in reversed(_edges(node)))
    problems = []
    if aliases > limits.aliases:
        problems.append(
            Problem(
                file,
                alias_over_line,
                f"more than {limits.aliases:,} uses of YAML aliases (*name) in one fact file ({aliases:,})",
            )
        )
    total = size[id(root)]
    if total > limits.expanded_size:
        shown = f"{total:,}" if total < 10**15 else "over 10^15"
        message = (
            f"with its YAML aliases written out the fact file holds {shown} characters, more than "
            f"the {limits.expanded_size:,} allowed"
        )
        line = 1
        if uses:
            node, count = max(uses.values(), key=lambda item: item[1] * size[id(item[0])])
            line = _line(node)
            message += f"; the value anchored here is repeated {count:,} times"
        problems.append(Problem(file, line, message))
    return problems


class _Reader:
    """Builds the model from YAML nodes, recording problems instead of stopping at the first."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.languages: tuple[str, ...] = ("en",)
        self.topic_line = 1

    # -- primitives -------------------------------------------------------------------------------

    def problem(self, node: Node | int, message: str) -> None:
        line = node if isinstance(node, int) else _line(node)
        self.problems.append(Problem(self.file, line, message))

    def mapping(
        self, node: Node, where: str, required: set[str], optional: set[str]
    ) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.problem(node, f"{where}: expected a mapping")
            return None
        fields: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self.problem(key_node, f"{where}: keys must be plain names")
                continue
            if key in fields:
                self.problem(key_node, f"{where}: field '{key}' is given twice")
                continue
            if key not in required | optional:
                allowed = ", ".join(sorted(required | optional))
                self.problem(key_node, f"{where}: unknown field '{key}' (allowed: {allowed})")
                continue
            fields[key] = value_node
        for key in sorted(required - fields.keys()):
            self.problem(node, f"{where}: missing field '{key}'")
        return fields

    def scalar(self, node: Node, where: str, prose: bool = False) -> str | None:
        """A single non-empty value; `prose` (an answer, a summary) may be longer than the rest."""
        if not isinstance(node, ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            self.problem(node, f"{where}: expected a single value")
            return None
        value = str(node.value).strip()
        if not value:
            self.problem(node, f"{where}: must not be empty")
            return None
        most = LIMITS.prose_chars if prose else LIMITS.short_chars
        if len(value) > most:
            self.problem(node, f"{where}: {len(value):,} characters, more than the {most:,} allowed here")
            return None
        return value

    def prose(self, node: Node, where: str) -> str | None:
        return self.scalar(node, where, prose=True)

    def slug(self, node: Node, where: str) -> str | None:
        value = self.scalar(node, where)
        if value is not None and not _SLUG.match(value):
            self.problem(node, f"{where}: '{value}' is not a valid id (lower-case letters, digits, - and _)")
            return None
        return value

    def sequence(self, node: Node, where: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.problem(node, f"{where}: expected a list")
            return []
        return list(node.value)

    def slugs(self, node: Node | None, where: str) -> tuple[str, ...]:
        if node is None:
            return ()
        items = (self.slug(item, where) for item in self.sequence(node, where))
        return tuple(item for item in items if item is not None)

    def choice(self, node: Node, where: str, allowed: frozenset[str]) -> str | None:
        value = self.scalar(node, where)
        if value is not None and value not in allowed:
            self.problem(node, f"{where}: '{value}' is not one of {', '.join(sorted(allowed))}")
            return None
        return value

    def date(self, node: Node, where: str, partial: bool = False) -> PartialDate | None:
        value = self.scalar(node, where)
        if value is None:
            return None
        pattern = r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$" if partial else r"^(\d{4})-(\d{2})-(\d{2})$"
        match = re.match(pattern, value)
        if match is None:
            wanted = "YYYY-MM-DD, YYYY-MM or YYYY" if partial else "YYYY-MM-DD"
            self.problem(node, f"{where}: '{value}' is not a date ({wanted})")
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if (problem := date_problem(year, month, day)) is not None:
            self.problem(node, f"{where}: '{value}' is not a valid date ({problem})")
            return None
        return PartialDate(year, month, day)

    def full_date(self, node: Node | None, where: str) -> dt.date | None:
        if node is None:
            return None
        parsed = self.date(node, where)
        return parsed.first_day if parsed is not None else None

    def _per_language(self, node: Node, where: str, read: Callable[[Node, str], _T | None]) -> dict[str, _T]:
        if not isinstance(node, MappingNode):
            self.problem(node, f"{where}: expected a mapping of language to text, like {{en: ...}}")
            return {}
        result: dict[str, _T] = {}
        languages_given = {k.value for k, _ in node.value if isinstance(k, ScalarNode)}
        for key_node, value_node in node.value:
            lang = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(lang, str) or not _LANG.match(lang):
                self.problem(key_node, f"{where}: '{lang}' is not a language code")
                continue
            if lang not in self.languages:
                self.problem(key_node, f"{where}: language '{lang}' is not in the file's languages")
                continue
            value = read(value_node, f"{where}.{lang}")
            if value is not None:
                result[lang] = value
        if "en" not in languages_given:
            self.problem(node, f"{where}: missing English text (en)")
        return result

    def text(self, node: Node | None, where: str, prose: bool = False) -> dict[str, str]:
        if node is None:
            return {}
        read = self.prose if prose else self.scalar
        if isinstance(node, ScalarNode):  # a bare string is English
            value = read(node, where)
            return {"en": value} if value else {}
        return self._per_language(node, where, read)

    def text_list(self, node: Node | None, where: str) -> dict[str, tuple[str, ...]]:
        if node is None:
            return {}

        def read(item: Node, at: str) -> tuple[str, ...] | None:
            values = (self.scalar(v, at) for v in self.sequence(item, at))
            return tuple(v for v in values if v is not None)

        if isinstance(node, SequenceNode):  # a bare list is English
            return {"en": read(node, where) or ()}
        return self._per_language(node, where, read)

    def missing_languages(self, where: str, line: int, *texts: Mapping[str, object]) -> None:
        for lang in self.languages:
            if any(t and lang not in t for t in texts):
                self.warnings.append(f"{self.file}:{line}: {where} has no '{lang}' text")

    # -- sections ---------------------------------------------------------------------------------

    def read_root(self, root: Node | None, path: Path) -> FactBase | None:
        if root is None:
            self.problem(1, "the fact file is empty")
            return None
        top = self.mapping(
            root, "fact file", {"schema", "languages", "topic", "facts", "sources"}, {"entities", "events"}
        )
        if top is None:
            return None
        if "schema" in top and self.scalar(top["schema"], "schema") not in ("1", None):
            self.problem(top["schema"], "schema: only schema 1 is supported")
        if "languages" in top:
            spoken = known_languages()
            langs = []
            for item in self.sequence(top["languages"], "languages"):
                lang = self.scalar(item, "languages")
                if lang is not None and lang not in spoken:
                    self.problem(
                        item,
                        f"languages: '{lang}' is not a language the bot speaks "
                        f"(it speaks {', '.join(spoken)})",
                    )
                if lang:
                    langs.append(lang)
            if "en" not in langs:
                self.problem(top["languages"], "languages: must include en")
            self.languages = tuple(dict.fromkeys(("en", *langs)))
        sources = self.read_sources(top.get("sources"))
        topic = self.read_topic(top.get("topic"))
        entities = self.read_entities(top.get("entities"))
        events = self.read_events(top.get("events"))
        facts = self.read_facts(top.get("facts"))
        if topic is None:
            return None
        self.check_references(topic, sources, entities, events, facts)
        return FactBase(
            path=path,
            languages=self.languages,
            topic=topic,
            sources={s.id: s for s, _ in sources},
            entities={e.id: e for e, _ in entities},
            events=tuple(sorted((e for e, _ in events), key=lambda e: (e.date.first_day, e.id))),
            facts={f.id: f for f, _ in facts},
            warnings=tuple(self.warnings),
        )

    def read_sources(self, node: Node | None) -> list[tuple[SourceEntry, int]]:
        result = []
        for item in self.sequence(node, "sources") if node is not None else []:
            fields = self.mapping(item, "sources[]", {"id", "title", "url"}, set())
            if fields is None or len(fields) < 3:
                continue
            sid, title, url = (self.scalar(fields[k], f"sources.{k}") for k in ("id", "title", "url"))
            if url is not None and not url.startswith(("https://", "http://")):
                self.problem(fields["url"], f"sources.url: '{url}' is not an http(s) URL")
            if sid and title and url:
                result.append((SourceEntry(sid, title, url), _line(item)))
        return result

    def read_topic(self, node: Node | None) -> Topic | None:
        if node is None:
            return None
        self.topic_line = _line(node)
        f = self.mapping(
            node,
            "topic",
            {"id", "name", "summary"},
            {"short", "number", "aliases", "signed", "in_force", "parties", "sources"},
        )
        if f is None:
            return None
        start = until = None
        if "in_force" in f:
            period = self.mapping(f["in_force"], "topic.in_force", {"from"}, {"until"})
            if period:
                start = self.full_date(period.get("from"), "topic.in_force.from")
                until = self.full_date(period.get("until"), "topic.in_force.until")
                if start and until and until < start:
                    self.problem(f["in_force"], "topic.in_force: 'until' is before 'from'")
        name = self.text(f.get("name"), "topic.name")
        number = self.text(f.get("number"), "topic.number")
        for lang, value in number.items():
            if value not in GRAMMATICAL_NUMBERS:
                self.problem(f["number"], f"topic.number.{lang}: {value!r} is not one of singular, plural")
        topic = Topic(
            id=self.slug(f["id"], "topic.id") or "" if "id" in f else "",
            name=name,
            short=self.text(f.get("short"), "topic.short") or name,
            number={lang: value for lang, value in number.items() if value in GRAMMATICAL_NUMBERS},
            aliases=self.text_list(f.get("aliases"), "topic.aliases"),
            summary=self.text(f.get("summary"), "topic.summary", prose=True),
            signed=self.full_date(f.get("signed"), "topic.signed"),
            in_force_from=start,
            in_force_until=until,
            parties=self.slugs(f.get("parties"), "topic.parties"),
            sources=self.slugs(f.get("sources"), "topic.sources"),
        )
        self.missing_languages("topic", _line(node), topic.name, topic.summary)
        return topic

    def read_entities(self, node: Node | None) -> list[tuple[Entity, int]]:
        result = []
        for i, item in enumerate(self.sequence(node, "entities") if node is not None else []):
            f = self.mapping(
                item,
                f"entities[{i}]",
                {"id", "kind", "name", "description"},
                {"aliases", "role", "side", "sources", "seat_of"},
            )
            if f is None or not {"id", "kind", "name", "description"} <= f.keys():
                continue
            eid = self.slug(f["id"], f"entities[{i}].id")
            where = f"entity '{eid}'"
            entity = Entity(
                id=eid or "",
                kind=self.choice(f["kind"], f"{where}: kind", ENTITY_KINDS) or "",
                name=self.text(f["name"], f"{where}: name"),
                aliases=self.text_list(f.get("aliases"), f"{where}: aliases"),
                description=self.text(f["description"], f"{where}: description", prose=True),
                role=self.scalar(f["role"], f"{where}: role") if "role" in f else None,
                side=self.slug(f["side"], f"{where}: side") if "side" in f else None,
                sources=self.slugs(f.get("sources"), f"{where}: sources"),
                seat_of=self.slug(f["seat_of"], f"{where}: seat_of") if "seat_of" in f else None,
            )
            self.missing_languages(where, _line(item), entity.name, entity.description)
            if eid:
                result.append((entity, _line(item)))
        return result

    def read_events(self, node: Node | None) -> list[tuple[Event, int]]:
        result = []
        for i, item in enumerate(self.sequence(node, "events") if node is not None else []):
            f = self.mapping(item, f"events[{i}]", {"id", "date", "text"}, {"facts", "scheduled"})
            if f is None or not {"id", "date", "text"} <= f.keys():
                continue
            eid = self.slug(f["id"], f"events[{i}].id")
            where = f"event '{eid}'"
            date = self.date(f["date"], f"{where}: date", partial=True)
            event_text = self.text(f["text"], f"{where}: text", prose=True)
            self.missing_languages(where, _line(item), event_text)
            scheduled = f.get("scheduled")
            planned = (
                self.choice(scheduled, f"{where}: scheduled", _BOOLEANS) if scheduled is not None else None
            )
            if eid and date:
                event = Event(
                    eid, date, event_text, self.slugs(f.get("facts"), f"{where}: facts"), planned == "true"
                )
                result.append((event, _line(item)))
        return result

    def read_facts(self, node: Node | None) -> list[tuple[Fact, int]]:
        result = []
        for i, item in enumerate(self.sequence(node, "facts") if node is not None else []):
            f = self.mapping(
                item,
                f"facts[{i}]",
                {"id", "title", "phrasings"},
                {"answer", "asks", "keywords", "entities", "related", "sources", "compute"},
            )
            if f is None or not {"id", "title", "phrasings"} <= f.keys():
                continue
            fid = self.slug(f["id"], f"facts[{i}].id")
            where = f"fact '{fid}'"
            compute = (
                self.choice(f["compute"], f"{where}: compute", COMPUTE_KINDS) if "compute" in f else None
            )
            asks = (
                tuple(
                    a
                    for a in (
                        self.choice(n, f"{where}: asks", QUESTION_KINDS)
                        for n in self.sequence(f["asks"], f"{where}: asks")
                    )
                    if a
                )
                if "asks" in f
                else ()
            )
            answer = self.text(f.get("answer"), f"{where}: answer", prose=True)
            if not answer and compute is None:
                self.problem(item, f"{where}: missing field 'answer' (needed unless 'compute' is set)")
            fact = Fact(
                id=fid or "",
                title=self.text(f["title"], f"{where}: title"),
                answer=answer,
                asks=asks,
                phrasings=self.text_list(f["phrasings"], f"{where}: phrasings"),
                keywords=self.text_list(f.get("keywords"), f"{where}: keywords"),
                entities=self.slugs(f.get("entities"), f"{where}: entities"),
                related=self.slugs(f.get("related"), f"{where}: related"),
                sources=self.slugs(f.get("sources"), f"{where}: sources"),
                compute=compute,
            )
            self.missing_languages(
                where, _line(item), fact.title, fact.phrasings, *([fact.answer] if compute is None else [])
            )
            if fid:
                result.append((fact, _line(item)))
        return result

    # -- cross-references -------------------------------------------------------------------------

    def check_references(
        self,
        topic: Topic,
        sources: list[tuple[SourceEntry, int]],
        entities: list[tuple[Entity, int]],
        events: list[tuple[Event, int]],
        facts: list[tuple[Fact, int]],
    ) -> None:
        source_ids = self.unique_ids("source", ((s.id, line) for s, line in sources))
        entity_ids = self.unique_ids("entity", ((e.id, line) for e, line in entities))
        self.unique_ids("event", ((e.id, line) for e, line in events))
        fact_ids = self.unique_ids("fact", ((f.id, line) for f, line in facts))

        def refer(line: int, where: str, kind: str, ids: tuple[str, ...], known: set[str]) -> None:
            for ref in ids:
                if ref not in known:
                    self.problem(line, f"{where}: unknown {kind} '{ref}'")

        refer(self.topic_line, "topic.parties", "entity", topic.parties, entity_ids)
        kinds = {entity.id: entity.kind for entity, _ in entities}
        refer(self.topic_line, "topic.sources", "source", topic.sources, source_ids)
        for entity, line in entities:
            refer(
                line,
                f"entity '{entity.id}': side",
                "entity",
                (entity.side,) if entity.side else (),
                entity_ids,
            )
            refer(line, f"entity '{entity.id}': sources", "source", entity.sources, source_ids)
            if entity.seat_of:
                seat_kind = kinds.get(entity.seat_of)
                if entity.kind != "place":
                    self.problem(line, f"entity '{entity.id}': seat_of is only for a place")
                elif seat_kind is None:
                    self.problem(line, f"entity '{entity.id}': seat_of: unknown entity '{entity.seat_of}'")
                elif seat_kind != "state":
                    self.problem(line, f"entity '{entity.id}': seat_of '{entity.seat_of}' is no state")
        for event, line in events:
            refer(line, f"event '{event.id}': facts", "fact", event.facts, fact_ids)
        for fact, line in facts:
            refer(line, f"fact '{fact.id}': related", "fact", fact.related, fact_ids)
            for again in sorted({r for r in fact.related if fact.related.count(r) > 1}):
                where = f"{self.file}:{line}: fact '{fact.id}'"
                self.warnings.append(f"{where}: related lists '{again}' more than once")
            refer(line, f"fact '{fact.id}': entities", "entity", fact.entities, entity_ids)
            refer(line, f"fact '{fact.id}': sources", "source", fact.sources, source_ids)
            if not fact.sources and not topic.sources:
                self.problem(line, f"fact '{fact.id}': no sources (give 'sources' here or in topic)")
        if not source_ids:
            self.problem(1, "sources: at least one source is required")
        self.unique_aliases(entities)

    def unique_ids(self, kind: str, items: Iterator[tuple[str, int]]) -> set[str]:
        seen: dict[str, int] = {}
        for item_id, line in items:
            if item_id in seen:
                self.problem(line, f"duplicate {kind} id '{item_id}' (first at line {seen[item_id]})")
            else:
                seen[item_id] = line
        return set(seen)

    def unique_aliases(self, entities: list[tuple[Entity, int]]) -> None:
        owner: dict[str, str] = {}
        for entity, line in entities:
            names = {fold(n) for n in entity.name.values()}
            names |= {fold(a) for values in entity.aliases.values() for a in values}
            for alias in sorted(n for n in names if n):
                other = owner.setdefault(alias, entity.id)
                if other != entity.id:
                    self.problem(
                        line, f"entity '{entity.id}': alias '{alias}' is also claimed by entity '{other}'"
                    )
