#include "link/topic_matcher.h"

#include "core/text.h"

namespace topichub {
namespace {

constexpr int32_t kRoot = 0;

bool ends_with(std::string_view word, std::string_view suffix) { return word.ends_with(suffix); }

// A name may run across spaces, line breaks and dashes ("Willis–Ekbom"), but
// not across other punctuation: "low, iron" is not "low iron".
bool joins_words(std::string_view gap) {
  for (size_t i = 0; i < gap.size(); ++i) {
    char c = gap[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '-' || c == '/') continue;
    auto rest = gap.substr(i);
    if (rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94") || rest.starts_with("\xE2\x80\x90")) {
      i += 2;
      continue;
    }
    if (rest.starts_with("\xC2\xA0")) {
      i += 1;
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace

std::string TopicMatcher::normalize_word(std::string_view raw) {
  std::string word;
  normalize_word(raw, word);
  return word;
}

void TopicMatcher::normalize_word(std::string_view raw, std::string& word) {
  fold_into(raw, word);
  for (std::string_view possessive : {"'s", "\xE2\x80\x99s"})
    if (ends_with(word, possessive)) word.resize(word.size() - possessive.size());
  if (word.size() <= 3) return;
  if (ends_with(word, "ies") && word.size() > 4) {
    word.resize(word.size() - 3);
    word += 'y';
  } else if (ends_with(word, "sses") || ends_with(word, "shes") || ends_with(word, "ches") || ends_with(word, "xes")) {
    word.resize(word.size() - 2);
  } else if (ends_with(word, "s") && !ends_with(word, "ss") && !ends_with(word, "us") && !ends_with(word, "is")) {
    word.resize(word.size() - 1);
  }
}

TopicMatcher::TopicMatcher(const std::vector<Topic>& topics) {
  nodes_.emplace_back();
  for (size_t i = 0; i < topics.size(); ++i) {
    add_name(topics[i].name, i);
    for (const auto& synonym : topics[i].synonyms) add_name(synonym, i);
  }
  node_flags_.assign(nodes_.size(), 0);
  for (size_t node = 0; node < nodes_.size(); ++node)
    for (const auto& entry : nodes_[node].entries) node_flags_[node] |= entry.acronym ? kEndsAcronym : kEndsPlainName;
  root_children_.assign(word_ids_.size(), -1);
  for (const auto& [key, node] : children_)
    if (key >> 32 == kRoot) root_children_[static_cast<uint32_t>(key)] = node;
}

int32_t TopicMatcher::child(int32_t node, int32_t word) const {
  if (node == kRoot) return root_children_[word];
  auto it = children_.find((static_cast<uint64_t>(node) << 32) | static_cast<uint32_t>(word));
  return it == children_.end() ? -1 : it->second;
}

void TopicMatcher::add_name(std::string_view name, size_t topic) {
  int32_t node = kRoot;
  size_t length = 0;
  bool acronym = true;
  for_each_word(name, [&](size_t begin, size_t end) {
    auto raw = name.substr(begin, end - begin);
    acronym = acronym && is_acronym(raw);
    auto [it, inserted] = word_ids_.emplace(normalize_word(raw), static_cast<int32_t>(word_ids_.size()));
    auto key = (static_cast<uint64_t>(node) << 32) | static_cast<uint32_t>(it->second);
    auto [child_it, added] = children_.emplace(key, static_cast<int32_t>(nodes_.size()));
    if (added) nodes_.emplace_back();
    node = child_it->second;
    ++length;
  });
  if (node == kRoot) return;
  auto& entries = nodes_[node].entries;
  for (const auto& entry : entries)
    if (entry.topic == topic) return;
  entries.push_back({topic, acronym});
  longest_name_ = std::max(longest_name_, length);
}

int32_t TopicMatcher::word_id(std::string_view written, Scratch& scratch) const {
  if (const int32_t* hit = scratch.recent_.find(written)) return *hit;
  int32_t id;
  if (auto it = scratch.ids_by_written_.find(written); it != scratch.ids_by_written_.end()) {
    id = it->second;
  } else {
    normalize_word(written, scratch.normalized_);
    auto known = word_ids_.find(scratch.normalized_);
    id = known == word_ids_.end() ? -1 : known->second;
    scratch.ids_by_written_.emplace(written, id);
  }
  scratch.recent_.put(written, id);
  return id;
}

void TopicMatcher::scan(std::string_view text, Scratch& scratch,
                        const std::function<void(const TopicMention&)>& on_mention) const {
  auto& words = scratch.words_;
  words.clear();
  // Only words some name contains are kept: a name never runs across
  // another word, so the one after a word left out is not joined.
  bool after_left_out = false;
  for_each_word(text, [&](size_t begin, size_t end) {
    auto raw = text.substr(begin, end - begin);
    int32_t id = word_id(raw, scratch);
    if (id < 0) {
      after_left_out = true;
      return;
    }
    bool joined = !after_left_out && !words.empty() &&
                  joins_words(text.substr(words.back().end, begin - words.back().end));
    words.push_back({begin, end, id, is_acronym(raw), joined});
    after_left_out = false;
  });
  for (size_t i = 0; i < words.size();) {
    int32_t node = kRoot;
    size_t best_end = 0;
    int32_t best = kRoot;  // none yet: no name ends at the root
    bool all_capitals = true, best_capitals = true;
    for (size_t j = i; j < words.size() && j - i < longest_name_; ++j) {
      if ((j > i && !words[j].joined) || (node = child(node, words[j].id)) < 0) break;
      all_capitals = all_capitals && words[j].capitals;
      uint8_t flags = node_flags_[node];
      if ((flags & kEndsPlainName) || ((flags & kEndsAcronym) && all_capitals)) {
        best = node;
        best_end = j + 1;
        best_capitals = all_capitals;
      }
    }
    if (best == kRoot) {
      ++i;
      continue;
    }
    for (const auto& entry : nodes_[best].entries) {
      if (entry.acronym && !best_capitals) continue;
      on_mention({entry.topic, words[i].begin, words[best_end - 1].end});
    }
    i = best_end;
  }
}

}  // namespace topichub
