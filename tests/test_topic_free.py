"""The code knows no treaty: no name, place or date of the shipped fact file appears in bot/."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def topic_words() -> set[str]:
    data = yaml.safe_load((ROOT / "facts" / "pact.yaml").read_text(encoding="utf-8"))
    words: set[str] = set()
    for entity in data["entities"]:
        if entity["kind"] in ("person", "place") or entity["id"] in data["topic"]["parties"]:
            words.update(w.casefold() for w in re.findall(r"\w{6,}", entity["name"]["en"]))
    for event in data["events"]:
        words.add(str(event["date"])[:4])
    return words


def test_no_topic_word_in_the_code() -> None:
    words = topic_words()
    assert {"chicherin", "1926"} <= words  # the check itself must look for the right things
    generic = {"league", "nations", "treaty", "republic", "region", "union", "soviet", "series", "convention",
               "parliament", "government", "protests", "student", "students", "definition", "aggression",
               "occupation", "december", "entente", "treaties", "mutiny", "baltic", "peace"}
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words - generic))) + r")\b", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
        for path in sorted((ROOT / "bot").rglob("*"))
        if path.suffix in (".py", ".yaml")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if (match := pattern.search(line))
    ]
    assert offenders == []
