"""Realistic misspellings for query sets: the slips people make when typing a
medical word they half remember. One slip per word, never in the first
letter (people rarely get that wrong), only in words of 5+ letters.

Standard library only; shared by make_known_item.py and make_latency_queries.py.
"""
import re

VOWELS = "aeiou"
# Sound-alike spellings people reach for: (written, typed instead).
SOUND_ALIKES = [("ph", "f"), ("ae", "e"), ("oe", "e"), ("y", "i"), ("ie", "ei"), ("ei", "ie"),
                ("c", "k"), ("ss", "s"), ("ll", "l"), ("tion", "sion"), ("ence", "ance"), ("ance", "ence")]


def _transpose(word, rng):
    spots = [i for i in range(1, len(word) - 1) if word[i] != word[i + 1]]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def _drop(word, rng):
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1:]


def _double(word, rng):
    spots = [i for i in range(1, len(word)) if word[i] not in VOWELS or rng.random() < 0.3]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + word[i] + word[i:]


def _vowel_swap(word, rng):
    spots = [i for i in range(1, len(word)) if word[i] in VOWELS]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + rng.choice([v for v in VOWELS if v != word[i]]) + word[i + 1:]


def _sound_alike(word, rng):
    options = [(a, b) for a, b in SOUND_ALIKES if a in word[1:]]
    if not options:
        return None
    a, b = rng.choice(options)
    i = word.index(a, 1)
    return word[:i] + b + word[i + len(a):]


SLIPS = [(_transpose, 3), (_drop, 3), (_double, 2), (_vowel_swap, 2), (_sound_alike, 2)]


def misspell_word(word, rng):
    """`word` with one slip, keeping a leading capital; None for short words and
    for acronyms and other mixed-case words (MCDCA, McArdle), which people copy
    rather than spell."""
    if len(word) < 5 or not word.isalpha() or not word[1:].islower():
        return None
    lower = word.lower()
    for _ in range(10):
        slip = rng.choices([s for s, _ in SLIPS], weights=[w for _, w in SLIPS])[0]
        typed = slip(lower, rng)
        if typed and typed != lower:
            return typed[0].upper() + typed[1:] if word[0].isupper() else typed
    return None


def misspell_in(text, rng, prefer=None):
    """`text` with one word of 5+ letters misspelled, preferring words of `prefer`
    (the part a reader is least sure how to spell); None if no word qualifies."""
    words = list(re.finditer(r"[A-Za-z]+", text))
    candidates = [m for m in words if len(m.group()) >= 5]
    if prefer:
        preferred_words = {w.lower() for w in re.findall(r"[A-Za-z]+", prefer)}
        preferred = [m for m in candidates if m.group().lower() in preferred_words]
        candidates = preferred or candidates
    rng.shuffle(candidates)
    for m in candidates:
        typed = misspell_word(m.group(), rng)
        if typed:
            return text[:m.start()] + typed + text[m.end():]
    return None
