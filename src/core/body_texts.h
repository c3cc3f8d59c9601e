// The visible text of every article and topic body: Markdown rendered, tags
// dropped. Made by the render stage while it renders the pages, read by the
// search index, so that no body is parsed twice.
#pragma once

#include <string>
#include <vector>

namespace topichub {

struct BodyTexts {
  std::vector<std::string> articles;  // by article index
  std::vector<std::string> topics;    // by topic index; "" for a topic without a body
};

}  // namespace topichub
