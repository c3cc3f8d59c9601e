#!/usr/bin/env python3
"""Make the latency query set: typical 1-4 word queries over MedQuAD.

A fixed-seed mix of what readers type into a health site's search box:
a condition's name or one of its other names ("cat cry syndrome"), a name
with what they want to know ("marfan syndrome treatment"), a misspelled
name ("margan syndrome"), and a half-typed one as search-as-you-type sends
it ("marfan syn"). Every query has 1 to 4 words.

  make_latency_queries.py [--corpus medquad.jsonl.gz] [--count 500] [--seed 8] [--out latency-queries.tsv]

Standard library only.
"""
import argparse, gzip, json, os, random, re

from misspell import misspell_in

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "..", "shared", "corpora", "medquad", "medquad.jsonl.gz")
WANTS = ["symptoms", "treatment", "causes", "diagnosis", "inherited", "genetic", "test", "prognosis", "in children"]


def words(text):
    return re.findall(r"\S+", text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--out", default=os.path.join(HERE, "latency-queries.tsv"))
    a = ap.parse_args()

    names = set()
    with gzip.open(a.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            for name in [record["focus"], *record.get("synonyms", [])]:
                name = re.sub(r"[,()]", " ", name).strip().lower()
                if 1 <= len(words(name)) <= 4:
                    names.add(" ".join(words(name)))
    names = sorted(names)
    rng = random.Random(a.seed)
    queries = []
    while len(queries) < a.count:
        name = rng.choice(names)
        kind = rng.random()
        if kind < 0.45:
            query = name
        elif kind < 0.7 and len(words(name)) <= 3:
            query = f"{name} {rng.choice(WANTS)}"
        elif kind < 0.85:
            query = misspell_in(name, rng)
        else:  # typed so far: the last word cut after 3+ letters
            last = words(name)[-1]
            query = name[: len(name) - len(last) + rng.randint(3, len(last) - 1)] if len(last) >= 5 else None
        if query and 1 <= len(words(query)) <= 4:
            queries.append(query)

    with open(a.out, "w", encoding="utf-8") as out:
        out.write(f"# typical 1-4 word queries: make_latency_queries.py --count {a.count} --seed {a.seed}\n")
        for n, query in enumerate(queries, 1):
            out.write(f"lq{n:04d}\t{query}\n")
    print(f"{len(queries)} queries -> {a.out}")


if __name__ == "__main__":
    main()
