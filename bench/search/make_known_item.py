#!/usr/bin/env python3
"""Make the MedQuAD known-item query set.

For a fixed-seed sample of MedQuAD records whose focus has synonyms and whose
question names the focus, the query is the question with the focus replaced
by one of its synonyms ("What are the symptoms of cat cry syndrome?"), and
about 30% of the queries carry one realistic misspelling (misspell.py). The
target is the record's own article (slug = id lowercased, as
../shared/tools/medquad-site lays it out).

  make_known_item.py [--corpus medquad.jsonl.gz] [--count 1000] [--seed 4]
                     [--misspelled 0.3] [--out known-item]

Writes OUT/queries.tsv (QID<TAB>query), OUT/qrels.txt (QID 0 SLUG 1) and
OUT/misspelled.txt (the QIDs that carry a misspelling, for score.py --subset).
Standard library only; the same arguments always give the same files.
"""
import argparse, gzip, json, os, random, re

from misspell import misspell_in

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "..", "shared", "corpora", "medquad", "medquad.jsonl.gz")


def question_text(record):
    """The question as the site shows it (medquad-site's cleaning)."""
    return re.sub(r"\s+\?$", "?", record["question"]).replace("What is (are)", "What is")


def other_names(record):
    focus = record["focus"].casefold()
    return [s for s in record.get("synonyms", []) if s.strip() and s.casefold() != focus]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--misspelled", type=float, default=0.3, help="share of queries with one misspelling")
    ap.add_argument("--out", default=os.path.join(HERE, "known-item"))
    a = ap.parse_args()

    with gzip.open(a.corpus, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    eligible = [r for r in records
                if other_names(r) and r["focus"].casefold() in question_text(r).casefold()]
    rng = random.Random(a.seed)
    sample = rng.sample(eligible, min(a.count, len(eligible)))
    misspelled = set(rng.sample(range(len(sample)), round(a.misspelled * len(sample))))

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "queries.tsv"), "w", encoding="utf-8") as queries, \
         open(os.path.join(a.out, "qrels.txt"), "w", encoding="utf-8") as qrels, \
         open(os.path.join(a.out, "misspelled.txt"), "w", encoding="utf-8") as typos:
        queries.write(f"# MedQuAD known-item set: make_known_item.py --count {a.count} --seed {a.seed} "
                      f"--misspelled {a.misspelled}\n")
        for n, record in enumerate(sample, 1):
            question = question_text(record)
            synonym = rng.choice(other_names(record))
            at = question.casefold().index(record["focus"].casefold())
            query = question[:at] + synonym + question[at + len(record["focus"]):]
            qid = f"ki{n:04d}"
            if n - 1 in misspelled:
                typed = misspell_in(query, rng, prefer=synonym)
                if typed:
                    query = typed
                    typos.write(qid + "\n")
            queries.write(f"{qid}\t{query}\n")
            qrels.write(f"{qid} 0 {record['id'].lower()} 1\n")
    print(f"{len(sample)} queries from {len(eligible)} eligible records -> {a.out}")


if __name__ == "__main__":
    main()
