#!/usr/bin/env python3
"""Generate a synthetic health site of any size, for build benchmarks.

  synthetic_site.py N OUT [--topics T] [--seed 1] [--hugo]

OUT gets topichub.toml, content/topics/<slug>.md (T topics; default about one
per 3.5 articles, as in MedQuAD) and content/articles/<slug>.md (N articles),
in the site format of docs/DESIGN.md. With --hugo the topics go where Hugo
keeps taxonomy terms (content/topics/<slug>/_index.md, which topichub loads
too) and OUT/hugo.toml is written, exactly like `medquad-site --hugo`, so the
same content builds with Hugo and bench/build/hugo/layouts.

The shape follows MedQuAD: topics with a name, synonyms, kind, definition and
a UMLS-like code, some with relations (with evidence and a source where the
format asks for one) and a short body; articles of about 1.6 kB on average
(a long tail up to ~15 kB) with title, summary, date, one to three topics, an
intent, a source, and a Markdown body of paragraphs, lists and headings that
mentions topics by name. Deterministic for a given N, T and seed. Standard
library only.
"""
import argparse, datetime, os, random, shutil

ONSETS = ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "cr", "dr",
          "gl", "pl", "pr", "st", "tr", "ch", "th", "sc", "sp"]
VOWELS = ["a", "e", "i", "o", "u", "ae", "io", "ou", "y"]
CODAS = ["", "", "n", "r", "s", "l", "m", "x", "st", "nd"]
SUFFIXES = ["itis", "osis", "emia", "algia", "opathy", "oma", "ism", "plasia", "trophy", "ectasia", "uria",
            "ine", "ol", "ase", "ide"]
QUALIFIERS = ["chronic", "acute", "juvenile", "familial", "hereditary", "nocturnal", "primary", "secondary",
              "congenital", "benign", "idiopathic", "recurrent", "adult", "childhood"]
HEADS = ["syndrome", "deficiency", "disease", "disorder", "cramps", "pain", "infection", "fever", "dystrophy",
         "insufficiency", "reflux", "therapy", "supplement", "exercise", "test", "stretch"]
KINDS = ["condition", "condition", "condition", "symptom", "cause", "mechanism", "remedy", "nutrient",
         "exercise", "drug", "test", "other"]
INTENTS = ["quick-relief", "prevention", "causes", "treatment", "diagnosis", "living-with"]
EVIDENCE = ["strong", "moderate", "limited", "mixed", "no-benefit"]
QUESTIONS = ["What is {}?", "What causes {}?", "What are the symptoms of {}?", "How is {} diagnosed?",
             "What are the treatments for {}?", "How can {} be prevented?", "What is the outlook for {}?",
             "Who is at risk for {}?", "Living with {}", "{}: when to see a doctor"]
WORDS = ("the a of and to in is that it for as with was on are be by this or from at which can may have has "
         "not but more most other some such these those when where who how often many people body blood muscle "
         "nerve heart skin bone joint brain kidney liver lung cell cells gene genes protein hormone enzyme "
         "symptoms signs treatment therapy medicine doctor nurse test tests scan results risk risks factor "
         "factors cause causes effect effects common rare mild severe sudden slowly quickly night day week "
         "month year years age adults children older younger women men family history diet water salt sugar "
         "sleep exercise stretch rest pain swelling fever fatigue weakness cramp cramps spasm tightness "
         "pressure level levels normal high low increase decrease help helps reduce prevent improve manage "
         "control condition disease disorder syndrome infection inflammation damage change changes problem "
         "problems usually sometimes rarely also however because although until after before during while "
         "between within without about around against through research studies study trial trials evidence "
         "shows suggest suggests found report reported patients person someone everyone anyone daily regular "
         "simple safe effective important possible likely unlikely early late long short term care support").split()


def word_name(rng, syllables):
    s = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
    return s


def make_topic_names(rng, count):
    names, seen = [], set()
    while len(names) < count:
        shape = rng.random()
        stem = word_name(rng, rng.randint(1, 2))
        if shape < 0.45:
            name = (stem + rng.choice(SUFFIXES)).capitalize()
        elif shape < 0.8:
            name = f"{stem.capitalize()} {rng.choice(HEADS)}"
        else:
            name = f"{rng.choice(QUALIFIERS).capitalize()} {stem}{rng.choice(SUFFIXES)}"
        key = slugify(name)
        if key in seen:
            continue
        seen.add(key)
        names.append(name)
    return names


def slugify(s):
    out, dash = [], False
    for ch in s.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")[:80] or "x"


def yq(s):  # a YAML double-quoted scalar
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sentence(rng, mention=None):
    n = rng.randint(8, 22)
    words = [rng.choice(WORDS) for _ in range(n)]
    if mention:
        words.insert(rng.randint(1, n - 1), mention)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng, mentions):
    return " ".join(sentence(rng, rng.choice(mentions) if mentions and rng.random() < 0.3 else None)
                    for _ in range(rng.randint(2, 5)))


def article_body(rng, mentions):
    # Lengths like MedQuAD's: most articles short, a long tail.
    blocks = max(1, min(40, int(rng.lognormvariate(1.0, 0.8))))
    out = []
    for i in range(blocks):
        r = rng.random()
        if i and r < 0.12:
            out.append("## " + sentence(rng)[:-1].split(" ", 4)[-1].capitalize())
        elif r < 0.3:
            out.append("\n".join("- " + sentence(rng, rng.choice(mentions) if rng.random() < 0.2 else None)
                                 for _ in range(rng.randint(2, 6))))
        else:
            out.append(paragraph(rng, mentions))
    return "\n\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", type=int)
    ap.add_argument("out")
    ap.add_argument("--topics", type=int, default=0, help="number of topics (default: articles / 3.5)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hugo", action="store_true", help="Hugo's layout for topics, and hugo.toml")
    a = ap.parse_args()
    n_topics = a.topics or max(1, round(a.articles / 3.46))
    rng = random.Random(a.seed)
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(os.path.join(a.out, "content", "articles"))
    os.makedirs(os.path.join(a.out, "content", "topics"))
    title = f"Synthetic health site ({a.articles} articles)"
    with open(os.path.join(a.out, "topichub.toml"), "w") as f:
        f.write(f'title = {yq(title)}\nbase_url = "http://127.0.0.1:8080/"\nlanguage = "en"\n'
                'description = "Generated by bench/build/synthetic_site.py."\n')
    if a.hugo:
        with open(os.path.join(a.out, "hugo.toml"), "w") as f:
            f.write(f'baseURL = "http://127.0.0.1:8080/"\ntitle = {yq(title)}\n'
                    'disableKinds = ["RSS"]\n[taxonomies]\ntopic = "topics"\n')

    names = make_topic_names(rng, n_topics)
    slugs = [slugify(n) for n in names]
    synonyms = []
    for i, name in enumerate(names):
        syn = []
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 5])):
            s = rng.choice([f"{name} type {rng.randint(1, 4)}", f"{rng.choice(QUALIFIERS)} {name.lower()}",
                            word_name(rng, 2).capitalize() + " " + rng.choice(HEADS),
                            "".join(w[0] for w in name.split()).upper() + str(rng.randint(1, 9))])
            if s not in syn and s.lower() != name.lower():
                syn.append(s)
        synonyms.append(syn)
    for i, (name, slug) in enumerate(zip(names, slugs)):
        path = os.path.join(a.out, "content", "topics", slug + ".md")
        if a.hugo:
            path = os.path.join(a.out, "content", "topics", slug, "_index.md")
            os.makedirs(os.path.dirname(path))
        lines = ["---", f"name: {yq(name)}"]
        if synonyms[i]:
            lines.append("synonyms: [" + ", ".join(yq(s) for s in synonyms[i]) + "]")
        lines.append(f"kind: {rng.choice(KINDS)}")
        if rng.random() < 0.6:
            lines.append(f"definition: {yq('a ' + ' '.join(rng.choice(WORDS) for _ in range(rng.randint(5, 14))))}")
        lines.append(f'codes:\n  umls_cui: "C{rng.randint(0, 9999999):07d}"')
        if n_topics > 1 and rng.random() < 0.25:
            lines.append("relations:")
            for _ in range(rng.randint(1, 3)):
                target = slugs[rng.randrange(n_topics)]
                if target == slug:
                    continue
                rel = rng.choice(["overlaps", "caused_by", "worsened_by", "eased_by", "prevented_by", "part_of"])
                lines.append(f"  - type: {rel}\n    target: {target}")
                if rel in ("eased_by", "prevented_by"):
                    lines.append(f"    evidence: {rng.choice(EVIDENCE)}\n    sources:\n"
                                 f'      - title: "Trial {rng.randint(1, 99999)}"\n'
                                 f'        url: "https://pubmed.ncbi.nlm.nih.gov/{rng.randint(1000000, 39999999)}/"')
        lines.append("---")
        body = paragraph(rng, []) + "\n" if rng.random() < 0.2 else ""
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n" + body)

    start = datetime.date(2015, 1, 1)
    for i in range(a.articles):
        # Topics: mostly one, the way MedQuAD's articles have one focus; popular topics get more.
        k = rng.choice([1, 1, 1, 2, 2, 3])
        picks = sorted({int(n_topics * rng.random() ** 3) if rng.random() < 0.3 else rng.randrange(n_topics)
                        for _ in range(k)})
        main_name = names[picks[0]]
        mentions = [names[p] for p in picks] + [names[rng.randrange(n_topics)] for _ in range(2)]
        mentions += [s for p in picks for s in synonyms[p][:1]]
        t = rng.choice(QUESTIONS).format(main_name)
        date = start + datetime.timedelta(days=rng.randrange(3650))
        with open(os.path.join(a.out, "content", "articles", f"a{i:07d}.md"), "w", encoding="utf-8") as f:
            f.write("---\n")
            f.write(f"title: {yq(t)}\n")
            f.write(f"summary: {yq(sentence(rng, main_name))}\n")
            f.write(f"date: {date.isoformat()}\n")
            f.write("topics: [" + ", ".join(yq(slugs[p]) for p in picks) + "]\n")
            f.write(f"intent: [{rng.choice(INTENTS)}]\n")
            f.write(f'source:\n  name: "Synthetic"\n  url: "https://example.org/a{i:07d}"\n')
            f.write("---\n\n")
            f.write(article_body(rng, mentions))
    print(f"{a.articles} articles, {n_topics} topics -> {a.out}")


if __name__ == "__main__":
    main()
