// SearchIndex::build (src/search/index_build.cpp): what its parallel parts
// must still give as if one thread had built the index.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "link/linker.h"
#include "load/loader.h"
#include "render/site_renderer.h"
#include "search/index.h"
#include "test_support.h"

namespace topichub {
namespace {

using testing::TempDir;

// Documents are analysed on all cores; the vocabulary must still number
// words in the order they first occur, document by document, and count
// them over all workers.
TEST(SearchIndexBuild, WordIdsFollowDocumentOrderWhicheverWorkerReadTheDocument) {
  TempDir site;
  constexpr int kArticles = 2000;  // enough for every worker to take some
  for (int i = 0; i < kArticles; ++i) {
    char slug[16];
    std::snprintf(slug, sizeof slug, "a%05d", i);
    site.write(std::string("content/articles/") + slug + ".md",
               "---\ntitle: Note\n---\nzq" + std::to_string(i) + "x appears " + (i % 2 ? "NSAID" : "nsaid") + "\n");
  }
  auto loaded = load_site(site.str());
  ASSERT_FALSE(loaded.diagnostics.has_errors());
  auto links = Linker(loaded.site).link_all();
  auto index = SearchIndex::build(loaded.site, links, render_body_texts(loaded.site));
  int64_t previous = -1;
  for (int i = 0; i < kArticles; ++i) {
    auto id = index.surface_id("zq" + std::to_string(i) + "x");
    ASSERT_GT(id, previous) << "article " << i;
    previous = id;
  }
  EXPECT_LT(index.surface_id("note"), index.surface_id("zq0x"));  // the title comes first
  auto appears = index.surface_id("appears");
  ASSERT_GE(appears, 0);
  EXPECT_EQ(index.surface(static_cast<uint32_t>(appears)).df, static_cast<uint32_t>(kArticles));
  auto nsaid = index.surface_id("nsaid");
  ASSERT_GE(nsaid, 0);
  EXPECT_EQ(index.surface(static_cast<uint32_t>(nsaid)).only_capitals, 0u);  // half are lower case
}

// Postings and positions are filled by two threads, one from each end of
// the documents; every term's postings must still come in document order,
// each with the positions of its own document. Some words occur only in
// the first documents, some only in the last, some in all, some repeated.
TEST(SearchIndexBuild, PostingsAndPositionsMatchEveryDocumentWhereverTheFillSplitsThem) {
  const std::vector<std::string> words = {"alpha", "bravo", "charlie", "delta", "hotel", "india"};
  constexpr int kArticles = 600;
  auto body_of = [&](int i) {
    std::vector<std::string> body;
    for (int k = 0; k < 3 + i % 17; ++k) body.push_back(words[(i * 7 + k * k) % 4]);
    if (i < 150) body.push_back("hotel");
    if (i >= 450) body.insert(body.begin() + i % 3, "india");
    return body;
  };
  TempDir site;
  for (int i = 0; i < kArticles; ++i) {
    std::string text;
    for (const auto& word : body_of(i)) text += word + " ";
    site.write("content/articles/a" + std::to_string(1000 + i) + ".md", "---\ntitle: Zz\n---\n" + text + "\n");
  }
  auto loaded = load_site(site.str());
  ASSERT_FALSE(loaded.diagnostics.has_errors());
  auto links = Linker(loaded.site).link_all();
  auto index = SearchIndex::build(loaded.site, links, render_body_texts(loaded.site));

  for (const auto& word : words) {
    auto surface = index.surface_id(word);
    ASSERT_GE(surface, 0) << word;
    uint32_t term = index.surface(static_cast<uint32_t>(surface)).term;
    auto postings = index.postings(term);
    std::vector<uint32_t> docs;
    for (size_t p = 0; p < postings.size(); ++p) {
      uint32_t doc = postings[p].doc;
      ASSERT_TRUE(docs.empty() || docs.back() < doc) << word << ": postings out of document order";
      docs.push_back(doc);
      auto body = body_of(std::stoi(index.document(doc).slug.substr(1)) - 1000);
      std::vector<uint32_t> expected;
      for (uint32_t at = 0; at < body.size(); ++at)
        if (body[at] == word) expected.push_back(kBodyField * kFieldStride + at);
      std::vector<uint32_t> in_body;  // the summary, made from the body, repeats its words
      for (uint32_t position : index.positions(term, p))
        if (position >= kBodyField * kFieldStride) in_body.push_back(position);
      EXPECT_EQ(in_body, expected)
          << word << " in " << index.document(doc).slug;
    }
    size_t containing = 0;
    for (int i = 0; i < kArticles; ++i) {
      auto body = body_of(i);
      containing += std::find(body.begin(), body.end(), word) != body.end();
    }
    EXPECT_EQ(docs.size(), containing) << word;
  }
}

}  // namespace
}  // namespace topichub
