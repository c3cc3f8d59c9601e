#!/usr/bin/env python3
"""Score TREC runs against TREC qrels: nDCG@10, MRR@10, Recall@100.

  score.py QRELS RUN [RUN ...] [--queries FILE.tsv] [--best-in-top K] [--per-query]
           [--subset LABEL=QIDFILE ...]

QRELS lines are `QID 0 DOC GRADE`; RUN lines `QID Q0 DOC RANK SCORE TAG`,
in rank order per query. nDCG uses the graded relevance (gain = grade, as
trec_eval); MRR and recall count grade >= 1. Every query of QRELS counts,
including those a run returned nothing for. --best-in-top K also counts the
queries with one of their best-graded documents in the top K, and
--per-query lists each query with the rank of its best document in each run.
--subset adds the same rows restricted to the QIDs listed in QIDFILE (one a
line). The run's label is its file name without extension. Standard library only.
"""
import argparse, math, os
from collections import defaultdict


def read_qrels(path):
    qrels = defaultdict(dict)
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4 and not line.startswith("#"):
                qrels[parts[0]][parts[2]] = int(parts[3])
    return qrels


def read_run(path):
    ranked = defaultdict(list)
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 6:
                ranked[parts[0]].append((int(parts[3]), parts[2]))
    return {qid: [doc for _, doc in sorted(hits)] for qid, hits in ranked.items()}


def read_queries(path):
    queries = {}
    if path:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if "\t" in line and not line.startswith("#"):
                    qid, text = line.rstrip("\n").split("\t", 1)
                    queries[qid] = text
    return queries


def ndcg(ranking, judged, k=10):
    dcg = sum(judged.get(doc, 0) / math.log2(i + 2) for i, doc in enumerate(ranking[:k]))
    ideal = sorted(judged.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranking, judged, k=10):
    for i, doc in enumerate(ranking[:k]):
        if judged.get(doc, 0) >= 1:
            return 1.0 / (i + 1)
    return 0.0


def recall(ranking, judged, k=100):
    relevant = {doc for doc, g in judged.items() if g >= 1}
    return len(relevant & set(ranking[:k])) / len(relevant) if relevant else 0.0


def best_rank(ranking, judged):
    """1-based rank of the first best-graded document, or None."""
    top = max(judged.values())
    for i, doc in enumerate(ranking):
        if judged.get(doc) == top:
            return i + 1
    return None


def score_line(label, width, run, qrels, best_in_top):
    n = max(1, len(qrels))
    mrr = sum(reciprocal_rank(run.get(q, []), j) for q, j in qrels.items()) / n
    nd = sum(ndcg(run.get(q, []), j) for q, j in qrels.items()) / n
    rec = sum(recall(run.get(q, []), j) for q, j in qrels.items()) / n
    line = f"{label:<{width}}  {len(qrels):7d}  {mrr:6.4f}  {nd:7.4f}  {rec:5.3f}"
    if best_in_top:
        hits = sum(1 for q, j in qrels.items() if (best_rank(run.get(q, []), j) or 10**9) <= best_in_top)
        line += f"  {hits}/{len(qrels)}"
    return line


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("qrels")
    ap.add_argument("runs", nargs="+")
    ap.add_argument("--queries", help="the query file, to show query text with --per-query")
    ap.add_argument("--best-in-top", type=int, default=0, metavar="K")
    ap.add_argument("--per-query", action="store_true")
    ap.add_argument("--subset", action="append", default=[], metavar="LABEL=QIDFILE")
    a = ap.parse_args()

    qrels = {q: j for q, j in read_qrels(a.qrels).items() if any(g >= 1 for g in j.values())}
    runs = [(os.path.splitext(os.path.basename(p))[0], read_run(p)) for p in a.runs]
    subsets = [("", qrels)]
    for spec in a.subset:
        label, path = spec.split("=", 1)
        with open(path) as f:
            wanted = {line.strip() for line in f if line.strip()}
        subsets.append((f" [{label}]", {q: j for q, j in qrels.items() if q in wanted}))
    width = max(12, *(len(label) + max(len(s) for s, _ in subsets) for label, _ in runs))
    header = f"{'run':<{width}}  queries  MRR@10  nDCG@10  R@100"
    if a.best_in_top:
        header += f"  best-in-top-{a.best_in_top}"
    print(header)
    for suffix, judged in subsets:
        for label, run in runs:
            print(score_line(label + suffix, width, run, judged, a.best_in_top))

    if a.per_query:
        queries = read_queries(a.queries)
        print()
        print("rank of the best article per query (- : not returned); top 3 of " + runs[0][0])
        print(f"{'qid':<6} {'query':<42} " + " ".join(f"{label[:10]:>10}" for label, _ in runs) + "  top 3")
        for qid in sorted(qrels):
            ranks = [best_rank(run.get(qid, []), qrels[qid]) for _, run in runs]
            cells = " ".join(f"{(str(r) if r else '-'):>10}" for r in ranks)
            top3 = ", ".join(f"{doc}({qrels[qid].get(doc, 0)})" for doc in runs[0][1].get(qid, [])[:3])
            print(f"{qid:<6} {queries.get(qid, '')[:42]:<42} {cells}  {top3}")


if __name__ == "__main__":
    main()
