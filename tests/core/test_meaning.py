"""The meaning signal: loading its table, embedding texts and ranking candidates by cosine."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.core.meaning import DEFAULT_PATH, Meaning


def write_table(path: Path, kind: str, vectors: dict[str, list[float]], weights: dict[str, float]) -> Path:
    words = list(vectors)
    np.savez(
        path,
        kind=np.array(kind),
        vocab=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        rows=np.array([vectors[w] for w in words], dtype=np.int8),
        scales=np.array([weights.get(w, 1.0) for w in words], dtype=np.float16),
        note=np.array("test table"),
    )
    return path


@pytest.fixture
def toy(tmp_path: Path) -> Meaning:
    # Three directions: signing, place, weather. "the" is common, so its weight is tiny.
    vectors = {
        "signed": [100, 0, 0],
        "signatures": [90, 10, 0],
        "where": [0, 100, 0],
        "city": [10, 100, 0],
        "sutarti": [0, 0, 100],
        "rain": [0, 0, 100],
        "the": [50, 50, 50],
    }
    meaning = Meaning.load(write_table(tmp_path / "toy.npz", "words", vectors, {"the": 0.01}))
    assert meaning is not None
    return meaning


def test_no_table_means_no_signal(tmp_path: Path) -> None:
    assert Meaning.load(tmp_path / "absent.npz") is None


def test_a_file_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.npz"
    np.savez(
        path,
        kind=np.array("words"),
        vocab=np.frombuffer(b"a\nb", dtype=np.uint8),
        rows=np.zeros((3, 2), dtype=np.int8),
        scales=np.ones(3, dtype=np.float16),
    )
    with pytest.raises(ValueError, match="not a meaning table"):
        Meaning.load(path)


def test_embed_is_the_unit_weighted_mean_of_known_words(toy: Meaning) -> None:
    vector = toy.embed("Signed, the CITY?")
    expected = np.array([100, 0, 0]) + np.array([10, 100, 0]) + 0.01 * np.array([50, 50, 50])
    np.testing.assert_allclose(vector, expected / np.linalg.norm(expected), rtol=1e-3)
    assert np.linalg.norm(vector) == pytest.approx(1.0)


def test_a_text_of_unknown_words_has_no_direction(toy: Meaning) -> None:
    assert not toy.embed("zzz qqq").any()
    assert toy.rank("zzz qqq", toy.matrix(["signed", "city"])) == []


def test_an_inflected_word_is_found_by_its_longest_known_prefix(toy: Meaning) -> None:
    assert toy.items("sutarties") == toy.items("sutarti")
    assert toy.items("sutartis") == toy.items("sutarti")
    assert toy.items("sutar") == ()  # a prefix shorter than MIN_PREFIX is never tried
    assert toy.items("1926") == ()  # numbers are whole or nothing


def test_rank_puts_the_closest_candidate_first(toy: Meaning) -> None:
    candidates = toy.matrix(["where is the city", "it will rain", "who signed", "qqq"])
    ranked = toy.rank("signatures", candidates, top=3)
    assert [index for index, _ in ranked] == [2, 0, 1]
    assert ranked[0][1] > ranked[1][1] > ranked[2][1]
    assert ranked[0][1] == pytest.approx(float(toy.embed("signatures") @ toy.embed("who signed")))


def test_rank_takes_a_precomputed_question_vector(toy: Meaning) -> None:
    candidates = toy.matrix(["where", "rain"])
    assert toy.rank(toy.embed("city"), candidates) == toy.rank("city", candidates)
    assert toy.rank("city", candidates[:0]) == []


def test_wordpiece_tables_split_words_greedily(tmp_path: Path) -> None:
    vectors = {"sign": [100, 0], "##ed": [0, 100], "##e": [50, 50], "un": [1, 1]}
    meaning = Meaning.load(write_table(tmp_path / "wp.npz", "wordpiece", vectors, {}))
    assert meaning is not None
    assert meaning.items("Signed!") == (0, 1)  # longest piece first: ##ed, not ##e + ...
    assert meaning.items("signxyz") == ()  # a word no pieces cover is dropped whole, as [UNK]
    assert meaning.items("Ún sign") == (3, 0)  # accents stripped, as BERT's uncased tokenizer


shipped = pytest.mark.skipif(not DEFAULT_PATH.is_file(), reason="the meaning table is not built")


@shipped
@pytest.mark.parametrize(
    ("question", "candidates"),
    [
        # Words the candidates do not share with the question, in each language.
        ("who put their names to the pact", ["who signed the treaty", "where is the capital", "is it cold"]),
        ("kas pasirašė susitarimą", ["kas pasirašė sutartį", "koks oras žiemą", "kur yra sostinė"]),
        ("кто поставил подписи под соглашением", ["кто подписал договор", "какая погода", "где столица"]),
        # Across languages: the table is multilingual.
        ("when did parliament approve it", ["kada seimas ratifikavo sutartį", "kur sostinė", "какая погода"]),
    ],
)
def test_the_shipped_table_ranks_by_meaning(question: str, candidates: list[str]) -> None:
    meaning = Meaning.load()
    assert meaning is not None
    ranked = meaning.rank(question, meaning.matrix(candidates))
    assert ranked[0][0] == 0, ranked
