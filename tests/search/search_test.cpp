#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "link/linker.h"
#include "load/loader.h"
#include "render/site_renderer.h"
#include "search/analyzer.h"
#include "search/index_file.h"
#include "search/results_json.h"
#include "search/searcher.h"
#include "search/snippet.h"
#include "search/typos.h"
#include "core/text.h"
#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;

TEST(SearchAnalyzer, FoldsStemsAndMarksStopWords) {
  Analyzer analyzer;
  auto tokens = analyzer.analyze("Cramping CRAMPS in the Café's");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].term, "cramp");
  EXPECT_EQ(tokens[1].term, "cramp");
  EXPECT_TRUE(tokens[2].stop);
  EXPECT_EQ(tokens[4].surface, "cafe's");
  EXPECT_EQ(tokens[4].term, "cafe");
}

TEST(SearchTypos, EditDistance) {
  EXPECT_EQ(edit_distance("magnesium", "magnesuim", 2), 1);  // transposition
  EXPECT_EQ(edit_distance("cramp", "cramps", 2), 1);
  EXPECT_EQ(edit_distance("potassium", "potasium", 2), 1);
  EXPECT_EQ(edit_distance("kitten", "sitting", 2), 3);  // above the limit
}

TEST(SearchTypos, FindsWordsWithinTheAllowedDistance) {
  std::vector<std::string> words = {"magnesium", "calcium", "cramp", "stretching"};
  TypoIndex typos(5, 9);
  for (uint32_t i = 0; i < words.size(); ++i) typos.add(words[i], i);
  typos.finish();
  auto found = typos.find("magnesuim", words);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, 0u);
  EXPECT_EQ(typos.find("calcum", words).size(), 1u);       // 6 letters: one edit
  EXPECT_TRUE(typos.find("cramo", words).size() == 1u);     // 5 letters: one edit
  EXPECT_TRUE(typos.find("cram", words).empty());           // 4 letters: none
  EXPECT_EQ(typos.find("strecthnig", words).size(), 1u);    // 10 letters: two edits
  EXPECT_TRUE(typos.find("calsiun", words).empty());        // 7 letters, two edits: too far
}

// The table hashes a word's deletion variants without building them; a
// query hashes itself whole. So every string one or two deletions from a
// word must find it: the two hashings must agree.
TEST(SearchTypos, EveryStringTwoDeletionsAwayFindsTheWord) {
  for (std::string word : {"stretching", "coffee", "aa", "mississippi", "acetaminophen"}) {
    std::vector<std::string> words = {word};
    TypoIndex typos(1, 1);  // two edits at any length
    typos.add(word, 0);
    typos.finish();
    for (size_t i = 0; i < word.size(); ++i) {
      std::string once = word.substr(0, i) + word.substr(i + 1);
      if (!once.empty()) {
        EXPECT_EQ(typos.find(once, words).size(), 1u) << word << " -> " << once;
      }
      for (size_t j = i; j < once.size(); ++j) {
        std::string twice = once.substr(0, j) + once.substr(j + 1);
        if (!twice.empty()) {
          EXPECT_EQ(typos.find(twice, words).size(), 1u) << word << " -> " << twice;
        }
      }
    }
  }
}

// The index reserves the table from entries_for(), so that it is allocated
// once: the count must be what add() makes, at each edit distance.
TEST(SearchTypos, EntriesForCountsWhatAddMakes) {
  TypoIndex typos(5, 9);
  size_t expected = 0;
  std::vector<std::string> words = {"leg", "cramp", "calcium", "stretching", "acetaminophen",
                                    std::string(TypoIndex::kMaxWordLength + 1, 'x')};
  for (const auto& word : words) {
    expected += typos.entries_for(word);
    typos.add(word, 0);
    EXPECT_EQ(typos.entry_count(), expected) << word;
  }
  EXPECT_EQ(typos.entries_for("stretching"), 1u + 10u + 45u);  // itself, 10 single and 45 double deletions
}

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site.write("content/topics/leg-cramps.md",
               "---\nname: leg cramps at night\nsynonyms: [charley horse, nocturnal muscle spasms]\n"
               "definition: sudden painful tightening of calf muscles\n---\n");
    site.write("content/topics/magnesium.md", "---\nname: magnesium\ndefinition: a mineral\n---\n");
    site.write("content/topics/vitamin-a.md", "---\nname: vitamin a\n---\n");
    site.write("content/articles/stretch.md",
               "---\ntitle: A bedtime stretching routine\ntopics: [leg-cramps]\nintent: prevention\n---\n"
               "Stretch your calves before bed. Leg cramps at night often ease.\n");
    site.write("content/articles/mag.md",
               "---\ntitle: Magnesium supplements\ntopics: [magnesium]\nintent: treatment\n---\n"
               "Magnesium does not prevent cramps in older adults.\n");
    site.write("content/articles/vit.md",
               "---\ntitle: Vitamins and skin\ntopics: [vitamin-a]\n---\nVitamin a helps the skin. Vitamin b too.\n");
    site.write("content/articles/unrelated.md", "---\ntitle: Sleep hygiene\n---\nA dark room helps sleep.\n");
    loaded = load_site(site.str());
    ASSERT_FALSE(loaded.diagnostics.has_errors());
    links = Linker(loaded.site).link_all();
    index = std::make_unique<SearchIndex>(SearchIndex::build(loaded.site, links, render_body_texts(loaded.site)));
    searcher = std::make_unique<Searcher>(*index);
  }

  std::vector<std::string> slugs(SearchRequest request) {
    std::vector<std::string> out;
    for (const auto& hit : searcher->search(request).hits) out.push_back(index->document(hit.doc).slug);
    return out;
  }
  std::vector<std::string> slugs(std::string query) {
    SearchRequest request;
    request.query = std::move(query);
    request.articles_only = true;
    return slugs(request);
  }

  TempDir site;
  LoadResult loaded;
  std::vector<ArticleLinks> links;
  std::unique_ptr<SearchIndex> index;
  std::unique_ptr<Searcher> searcher;
};

// A build given the linker's matcher keeps it rather than making another;
// one made without it matches the same names ("charley horse").
TEST_F(SearchTest, KeepsTheLinkersTopicMatcher) {
  Linker linker(loaded.site);
  auto shared = SearchIndex::build(loaded.site, links, render_body_texts(loaded.site), "/", linker.shared_matcher());
  EXPECT_EQ(&shared.topic_matcher(), &linker.matcher());
  EXPECT_NE(&index->topic_matcher(), &linker.matcher());
  std::vector<size_t> found;
  index->topic_matcher().scan("a charley horse", [&](const TopicMention& m) { found.push_back(m.topic); });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(loaded.site.topics[found[0]].slug, "leg-cramps");
}

TEST_F(SearchTest, SynonymFindsArticlesAboutTheTopic) {
  auto hits = slugs("charley horse");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0], "stretch");
  SearchRequest without;
  without.query = "charley horse";
  without.articles_only = true;
  without.use_synonyms = false;
  EXPECT_TRUE(slugs(without).empty());
}

// Slugs of the article hits for `query` on the site in `site` (built here).
std::vector<std::string> article_hits(const TempDir& site, std::string query) {
  auto loaded = load_site(site.str());
  EXPECT_FALSE(loaded.diagnostics.has_errors());
  auto links = Linker(loaded.site).link_all();
  auto index = SearchIndex::build(loaded.site, links, render_body_texts(loaded.site));
  Searcher searcher(index);
  SearchRequest request;
  request.query = std::move(query);
  request.articles_only = true;
  std::vector<std::string> slugs;
  for (const auto& hit : searcher.search(request).hits) slugs.push_back(index.document(hit.doc).slug);
  return slugs;
}

// `count` articles "<stem>0".."<stem>N", each the file `text`: pages that
// make the query's words rare, or common.
void write_articles(const TempDir& site, const std::string& stem, int count, std::string_view text) {
  for (int i = 0; i < count; ++i) site.write("content/articles/" + stem + std::to_string(i) + ".md", text);
}

TEST(SearchRanking, AQueryThatIsATopicsNameFindsTheTopicBeforeItsWords) {
  TempDir site;
  site.write("content/topics/leg-cramps.md",
             "---\nname: leg cramps at night\nsynonyms: [nocturnal muscle spasms]\ndefinition: painful calves\n---\n");
  site.write("content/articles/about.md",
             "---\ntitle: A bedtime routine\ntopics: [leg-cramps]\n---\nStretch your calves before bed.\n");
  site.write("content/articles/words.md",
             "---\ntitle: Muscle spasms in nocturnal sport\n---\nMuscle spasms in nocturnal games. Muscle spasms, "
             "nocturnal or not.\n");
  // so that the query's words are rare, and score
  write_articles(site, "other", 4, "---\ntitle: Sleep\n---\nA dark room helps sleep.\n");
  auto hits = article_hits(site, "nocturnal muscle spasms");
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits[0], "about");
  EXPECT_EQ(hits[1], "words");
}

TEST(SearchRanking, ANameManyTopicsShareIsNotExpandedIntoTheirOtherNames) {
  TempDir site;
  const char* others[] = {"lung", "heart", "skin", "brain"};
  for (const char* other : others)
    site.write(std::string("content/topics/") + other + ".md",
               std::string("---\nname: ") + other + " syndrome\nsynonyms: [microphthalmia]\n---\n");
  site.write("content/articles/eye.md", "---\ntitle: Small eyes\n---\nMicrophthalmia means small eyes.\n");
  site.write("content/articles/lung.md", "---\ntitle: Breathing\n---\nThe lung and the heart.\n");
  auto hits = article_hits(site, "microphthalmia");
  EXPECT_EQ(hits, std::vector<std::string>{"eye"}) << "the other names' words matched";
}

TEST(SearchRanking, ATopicsShortOtherNamesAreExpandedButNotItsLongDescriptions) {
  TempDir site;
  site.write("content/topics/mcops9.md",
             "---\nname: Matthew Wood syndrome\nsynonyms: [Spear syndrome, Clinical anophthalmia mild facial "
             "dysmorphism lung heart malformations]\n---\n");
  site.write("content/articles/named.md", "---\ntitle: About the Matthew Wood syndrome\n---\nA rare condition.\n");
  site.write("content/articles/lung.md", "---\ntitle: Breathing\n---\nThe lung and the heart.\n");
  auto hits = article_hits(site, "spear syndrome");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0], "named");
  EXPECT_EQ(std::count(hits.begin(), hits.end(), "lung"), 0) << "words of a long description were expanded";
}

TEST(SearchRanking, AnArticleMainlyAboutTheNamedTopicRanksFirst) {
  TempDir site;
  site.write("content/topics/cramps.md", "---\nname: night cramps\nsynonyms: [charley horse]\n---\n");
  site.write("content/topics/magnesium.md", "---\nname: magnesium\n---\n");
  // Both are about the topic at length; "a-side" mainly about magnesium (and
  // first in document order, which wins ties).
  site.write("content/articles/a-side.md",
             "---\ntitle: Magnesium pills\nsummary: Magnesium.\ntopics: [magnesium, cramps]\n---\n"
             "## Magnesium\n\nMagnesium for night cramps? Night cramps and magnesium. Night cramps again.\n");
  site.write("content/articles/main.md", "---\ntitle: What to do tonight\ntopics: [cramps]\n---\nStand up.\n");
  auto hits = article_hits(site, "charley horse");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0], "main");
}

TEST(SearchRanking, AResultMustMatchMostOfTheQueryWeightedByRarity) {
  TempDir site;
  write_articles(site, "common", 12, "---\ntitle: Syndrome\n---\nThe symptoms of a syndrome.\n");
  site.write("content/articles/rare.md", "---\ntitle: Andersen\n---\nAndersen syndrome is rare.\n");
  site.write("content/articles/rare-words.md", "---\ntitle: Andersen again\n---\nAndersen, once more.\n");
  // Every page says "syndrome" or "symptoms"; only two name Andersen: they
  // are the results, the one with all three words first.
  auto hits = article_hits(site, "andersen syndrome symptoms");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0], "rare");
}

TEST(SearchRanking, WhenNoPageHasEnoughOfTheQueryPagesWithAnyOfItAreShown) {
  TempDir site;
  for (std::string word : {"alpha", "beta", "gamma"})
    site.write("content/articles/" + word + ".md", "---\ntitle: Page\n---\nAbout " + word + ".\n");
  auto hits = article_hits(site, "alpha beta gamma");
  EXPECT_EQ(hits.size(), 3u);
}

TEST(SearchRanking, AnArticleAboutTheNamedTopicMatchesTheWordsOfItsName) {
  TempDir site;
  site.write("content/topics/cramps.md", "---\nname: night cramps\nsynonyms: [charley horse]\n---\n");
  site.write("content/articles/relief.md",
             "---\ntitle: Quick relief tonight\ntopics: [cramps]\n---\nStand up and stretch for relief.\n");
  write_articles(site, "other", 6, "---\ntitle: Pain relief\n---\nRelief from back pain.\n");
  // "charley horse" appears nowhere: the article about the topic it names
  // matches those words, and with "relief" it is the one full match.
  auto hits = article_hits(site, "charley horse relief");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0], "relief");
}

TEST(SearchRanking, ArticlesWrittenForWhatTheQueryAsksComeFirstAmongEquals) {
  TempDir site;
  site.write("content/articles/a-relief.md",
             "---\ntitle: Night cramps\nintent: [quick-relief]\n---\nNight cramps are common.\n");
  site.write("content/articles/b-causes.md",
             "---\ntitle: Night cramps\nintent: [causes]\n---\nNight cramps are common.\n");
  write_articles(site, "other", 4, "---\ntitle: Sleep\n---\nSleep well.\n");
  EXPECT_EQ(article_hits(site, "what causes night cramps").front(), "b-causes");
  EXPECT_EQ(article_hits(site, "night cramps relief tonight").front(), "a-relief");
  EXPECT_EQ(article_hits(site, "night cramps").front(), "a-relief");  // no intent asked: document order
}

TEST_F(SearchTest, TyposAreForgivenButExactRanksFirst) {
  auto hits = slugs("magnesuim");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0], "mag");
  SearchRequest strict;
  strict.query = "magnesuim";
  strict.use_typos = false;
  strict.use_prefix = false;
  EXPECT_TRUE(slugs(strict).empty());
  auto exact = searcher->search({.query = "magnesium"});
  auto corrected = searcher->search({.query = "magnesuim"});
  ASSERT_FALSE(exact.hits.empty());
  ASSERT_FALSE(corrected.hits.empty());
  EXPECT_GT(exact.hits[0].score, corrected.hits[0].score);
}

TEST_F(SearchTest, LastWordMatchesAsPrefix) {
  auto hits = slugs("magnes");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0], "mag");
  EXPECT_FALSE(slugs("bedtime stretch").empty());
}

TEST_F(SearchTest, StopWordPhrasesSurvive) {
  auto hits = slugs("vitamin a");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0], "vit");
}

TEST_F(SearchTest, FiltersFacetsAndPagination) {
  SearchRequest request;
  request.query = "cramps";
  auto all = searcher->search(request);
  EXPECT_GE(all.total, 2u);
  bool has_prevention = false;
  for (const auto& [intent, count] : all.intent_facets) has_prevention = has_prevention || intent == "prevention";
  EXPECT_TRUE(has_prevention);
  request.intent = "treatment";
  auto filtered = slugs(request);
  ASSERT_EQ(filtered.size(), 1u);
  EXPECT_EQ(filtered[0], "mag");
  request.intent.clear();
  request.topic = "leg-cramps";
  request.articles_only = true;
  EXPECT_EQ(slugs(request), (std::vector<std::string>{"stretch"}));
  SearchRequest paged;
  paged.query = "cramps";
  paged.limit = 1;
  paged.offset = 1;
  auto page = searcher->search(paged);
  EXPECT_EQ(page.hits.size(), 1u);
  EXPECT_EQ(page.total, all.total);
}

TEST_F(SearchTest, SnippetsMarkMatchesAndEscape) {
  auto result = searcher->search({.query = "calves"});
  ASSERT_FALSE(result.hits.empty());
  EXPECT_NE(result.hits[0].snippet_html.find("<mark>calves</mark>"), std::string::npos);
}

TEST(SearchSnippet, MarksTheHitWordsAndLeavesOutHitsPastTheText) {
  SearchDocument doc;
  doc.text = "Night cramps & calf pain: stretch the calves <gently> before bed.";
  // Words: Night 0, cramps 1, calf 2, pain 3, stretch 4, the 5, calves 6, gently 7.
  std::vector<uint32_t> hits = {1, 6, 40};
  EXPECT_EQ(make_snippet(doc, hits),
            "Night <mark>cramps</mark> &amp; calf pain: stretch the <mark>calves</mark> &lt;gently&gt; before bed.");
  std::vector<uint32_t> only_past_the_end = {40};
  EXPECT_EQ(make_snippet(doc, only_past_the_end), make_snippet(doc, {}));
}

TEST_F(SearchTest, EmptyOverlongAndHostileQueriesAreSafe) {
  EXPECT_EQ(searcher->search({.query = ""}).total, 0u);
  EXPECT_EQ(searcher->search({.query = "   "}).total, 0u);
  auto long_query = searcher->search({.query = std::string(100000, 'a')});
  EXPECT_LE(long_query.query.size(), kMaxQueryBytes);
  std::string bytes;
  for (int c = 0; c < 256; ++c) bytes += static_cast<char>(c);
  auto hostile = searcher->search({.query = bytes + "<script>alert(1)</script>"});
  auto json = search_result_json(*index, hostile).dump();
  EXPECT_EQ(json.find("<script>"), std::string::npos);
  EXPECT_EQ(find_invalid_utf8(hostile.query), std::string_view::npos);
}

TEST_F(SearchTest, JsonHasTheDesignShape) {
  auto json = search_result_json(*index, searcher->search({.query = "magnesium"}));
  EXPECT_TRUE(json.contains("query"));
  EXPECT_TRUE(json.contains("total"));
  EXPECT_TRUE(json.contains("took_ms"));
  ASSERT_FALSE(json["hits"].empty());
  for (auto key : {"slug", "title", "url", "summary", "snippet", "score", "topics"})
    EXPECT_TRUE(json["hits"][0].contains(key)) << key;
  EXPECT_TRUE(json["facets"].contains("topics"));
  EXPECT_TRUE(json["facets"].contains("intent"));
}

}  // namespace
}  // namespace topichub

namespace topichub {
namespace {

TEST_F(SearchTest, ABuildThatIsStoppedGivesUp) {
  std::stop_source stop;
  stop.request_stop();
  EXPECT_FALSE(SearchIndex::build_unless_stopped(loaded.site, links, render_body_texts(loaded.site), "/", stop.get_token()));
  EXPECT_TRUE(SearchIndex::build_unless_stopped(loaded.site, links, render_body_texts(loaded.site), "/", {}));
}

TEST_F(SearchTest, SavedIndexAnswersLikeTheBuiltOne) {
  auto bytes = SearchIndexFile::serialize(*index, 42);
  TempDir dir;
  dir.write("index.bin", bytes.documents);
  dir.write("positions.bin", bytes.positions);
  auto path = (dir.path() / "index.bin").string();
  EXPECT_EQ(SearchIndexFile::positions_path(path), (dir.path() / "positions.bin").string());
  EXPECT_FALSE(SearchIndexFile::load(path, 41));  // stale fingerprint
  auto loaded_index = SearchIndexFile::load(path, 42);
  ASSERT_TRUE(loaded_index);
  Searcher reloaded(*loaded_index);
  for (std::string query : {"charley horse", "magnesuim", "magnes", "vitamin a", "cramps"}) {
    SearchRequest request;
    request.query = query;
    auto a = searcher->search(request);
    auto b = reloaded.search(request);
    ASSERT_EQ(a.hits.size(), b.hits.size()) << query;
    for (size_t i = 0; i < a.hits.size(); ++i) {
      EXPECT_EQ(index->document(a.hits[i].doc).slug, loaded_index->document(b.hits[i].doc).slug) << query;
      EXPECT_EQ(a.hits[i].snippet_html, b.hits[i].snippet_html);
    }
    EXPECT_EQ(a.topic_facets, b.topic_facets);
  }
}

// Each file's parts arrive in file order, each file's from one thread: the
// build hashes them as they pass (ContentHasher in save_search_index),
// which parts out of order would silently break.
TEST_F(SearchTest, EachIndexFileArrivesInOrderFromOneThread) {
  auto whole = SearchIndexFile::serialize(*index, 42);
  struct Arrival {
    std::string bytes;
    std::thread::id thread;
    bool in_order = true;
  };
  Arrival documents, positions;
  auto into = [](Arrival& file) {
    return [&file](uint64_t offset, std::string_view part) {
      if (file.bytes.empty()) file.thread = std::this_thread::get_id();
      file.in_order = file.in_order && offset == file.bytes.size() && file.thread == std::this_thread::get_id();
      file.bytes += part;
    };
  };
  SearchIndexFile::write(*index, 42, into(documents), into(positions));
  EXPECT_TRUE(documents.in_order);
  EXPECT_TRUE(positions.in_order);
  EXPECT_EQ(documents.bytes, whole.documents);
  EXPECT_EQ(positions.bytes, whole.positions);
}

TEST_F(SearchTest, SavedFingerprintIsReadFromTheHeaderAlone) {
  auto bytes = SearchIndexFile::serialize(*index, 42);
  TempDir dir;
  dir.write("index.bin", bytes.documents);
  dir.write("positions.bin", bytes.positions);
  dir.write("short.bin", bytes.documents.substr(0, 12));
  EXPECT_EQ(SearchIndexFile::saved_fingerprint((dir.path() / "index.bin").string()), std::optional<uint64_t>(42));
  EXPECT_FALSE(SearchIndexFile::saved_fingerprint((dir.path() / "positions.bin").string()));  // another magic
  EXPECT_FALSE(SearchIndexFile::saved_fingerprint((dir.path() / "short.bin").string()));
  EXPECT_FALSE(SearchIndexFile::saved_fingerprint((dir.path() / "missing.bin").string()));
}

// The two files of an index go together: without its positions file, or
// with the positions file of another index of the same fingerprint, an
// index file is refused. Saving the same index twice makes the same bytes.
TEST_F(SearchTest, IndexFileNeedsThePositionsFileOfTheSameIndex) {
  auto bytes = SearchIndexFile::serialize(*index, 42);
  auto again = SearchIndexFile::serialize(*index, 42);
  EXPECT_EQ(bytes.documents, again.documents);
  EXPECT_EQ(bytes.positions, again.positions);
  site.write("content/articles/extra.md", "---\ntitle: One more\n---\nAnother article.\n");
  auto other_site = load_site(site.str());
  auto other_links = Linker(other_site.site).link_all();
  auto other = SearchIndex::build(other_site.site, other_links, render_body_texts(other_site.site));
  auto other_bytes = SearchIndexFile::serialize(other, 42);

  TempDir dir;
  dir.write("index.bin", bytes.documents);
  auto path = (dir.path() / "index.bin").string();
  EXPECT_FALSE(SearchIndexFile::load(path, 42));
  dir.write("positions.bin", other_bytes.positions);
  EXPECT_FALSE(SearchIndexFile::load(path, 42));
  dir.write("positions.bin", bytes.positions);
  EXPECT_TRUE(SearchIndexFile::load(path, 42));
  std::string other_pair = bytes.positions;  // the id after the magic and the fingerprint
  other_pair[16] = static_cast<char>(~other_pair[16]);
  dir.write("positions.bin", other_pair);
  EXPECT_FALSE(SearchIndexFile::load(path, 42));
  dir.write("positions.bin", bytes.documents);  // the wrong kind of file
  EXPECT_FALSE(SearchIndexFile::load(path, 42));
}

// Each of the two files cut short or with bytes flipped.
TEST_F(SearchTest, DamagedIndexFilesAreRejectedNotTrusted) {
  auto bytes = SearchIndexFile::serialize(*index, 7);
  TempDir dir;
  auto path = (dir.path() / "index.bin").string();
  struct Case {
    std::string name;        // the file damaged
    const std::string& whole;  // its bytes
    std::string other_name;  // the file left whole
    const std::string& other;
  };
  for (const Case& c : {Case{"index.bin", bytes.documents, "positions.bin", bytes.positions},
                        Case{"positions.bin", bytes.positions, "index.bin", bytes.documents}}) {
    const auto& [name, whole, other_name, other] = c;
    dir.write(other_name, other);
    for (size_t cut : {size_t{0}, size_t{10}, whole.size() / 3, whole.size() / 2, whole.size() - 1}) {
      dir.write(name, whole.substr(0, cut));
      EXPECT_FALSE(SearchIndexFile::load(path, 7)) << name << " cut at " << cut;
    }
    std::string flipped = whole;
    for (size_t i = 24; i < flipped.size(); i += 97) flipped[i] = static_cast<char>(~flipped[i]);
    dir.write(name, flipped);
    auto damaged = SearchIndexFile::load(path, 7);
    if (damaged) {  // survived the checks: it must still be safe to search
      Searcher searcher(*damaged);
      searcher.search({.query = "cramps"});
    }
  }
}

TEST_F(SearchTest, NoChangedByteOfAnIndexFileLeadsOutOfBounds) {
  // Every byte of a small index's two files set to 0xFF and to 0: each
  // pair is either refused or safe to search (the sanitizer build checks
  // every read). The flat tables' starts and ids are among the bytes
  // changed.
  auto bytes = SearchIndexFile::serialize(*index, 7);
  TempDir dir;
  dir.write("index.bin", bytes.documents);
  dir.write("positions.bin", bytes.positions);
  auto path = (dir.path() / "index.bin").string();
  size_t refused = 0, changed = 0;
  for (const auto& [name, whole] : {std::pair{"index.bin", &bytes.documents}, std::pair{"positions.bin", &bytes.positions}}) {
    std::fstream file((dir.path() / name).string(), std::ios::in | std::ios::out | std::ios::binary);
    auto set_byte = [&](size_t at, char value) {
      file.seekp(static_cast<std::streamoff>(at));
      file.put(value);
      file.flush();
    };
    for (size_t i = 24; i < whole->size(); ++i) {
      for (char value : {'\xFF', '\0'}) {
        if ((*whole)[i] == value) continue;
        set_byte(i, value);
        auto damaged = SearchIndexFile::load(path, 7);
        set_byte(i, (*whole)[i]);
        ++changed;
        if (!damaged) {
          ++refused;
          continue;
        }
        Searcher searcher(*damaged);
        for (std::string query : {"cramps", "charley horse", "magnes", "calsium", "\"leg cramps\""})
          searcher.search({.query = query});
      }
    }
  }
  EXPECT_GT(refused, changed / 8);
}

}  // namespace
}  // namespace topichub
