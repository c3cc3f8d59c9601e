#include "core/site.h"

#include <array>

namespace topichub {
namespace {

constexpr std::array<RelationInfo, 7> kRelations = {{
    {RelationType::overlaps, "overlaps", "often overlaps with", "overlaps", "often overlaps with", true, false},
    {RelationType::caused_by, "caused_by", "a key driver is", "causes", "can drive", false, false},
    {RelationType::worsened_by, "worsened_by", "can be amplified by", "worsens", "can amplify", false, false},
    {RelationType::eased_by, "eased_by", "can be eased by", "eases", "can ease", false, true},
    {RelationType::prevented_by, "prevented_by", "can be prevented by", "prevents", "can help prevent", false, true},
    {RelationType::confused_with, "confused_with", "is often confused with", "confused_with",
     "is often confused with", true, false},
    {RelationType::part_of, "part_of", "is part of", "includes", "includes", false, false},
}};

struct EvidenceInfo {
  Evidence evidence;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<EvidenceInfo, 7> kEvidence = {{
    {Evidence::strong, "strong", "Strong evidence"},
    {Evidence::moderate, "moderate", "Moderate evidence"},
    {Evidence::limited, "limited", "Limited evidence"},
    {Evidence::mixed, "mixed", "Mixed evidence"},
    {Evidence::no_benefit, "no-benefit", "No benefit shown"},
    {Evidence::not_recommended, "not-recommended", "Not recommended"},
    {Evidence::none, "", "Not graded"},
}};

}  // namespace

const RelationInfo& relation_info(RelationType type) { return kRelations[static_cast<size_t>(type)]; }

std::optional<RelationType> parse_relation_type(std::string_view name) {
  for (const auto& info : kRelations)
    if (info.name == name) return info.type;
  return std::nullopt;
}

std::string_view relation_type_names() {
  return "overlaps, caused_by, worsened_by, eased_by, prevented_by, confused_with, part_of";
}

std::optional<Evidence> parse_evidence(std::string_view name) {
  if (name == "no_benefit") name = "no-benefit";
  if (name == "not_recommended") name = "not-recommended";
  for (const auto& info : kEvidence)
    if (!info.name.empty() && info.name == name) return info.evidence;
  return std::nullopt;
}

std::string_view evidence_name(Evidence evidence) {
  for (const auto& info : kEvidence)
    if (info.evidence == evidence) return info.name;
  return "";
}

std::string_view evidence_label(Evidence evidence) {
  for (const auto& info : kEvidence)
    if (info.evidence == evidence) return info.label;
  return "Not graded";
}

int evidence_rank(Evidence evidence) {
  return evidence == Evidence::none ? 99 : static_cast<int>(evidence) - 1;
}

bool evidence_supports_use(Evidence evidence) {
  return evidence == Evidence::strong || evidence == Evidence::moderate || evidence == Evidence::limited ||
         evidence == Evidence::mixed;
}

std::string Source::href() const {
  if (!url.empty()) return url;
  if (!pmid.empty()) return "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/";
  if (!doi.empty()) return "https://doi.org/" + doi;
  return {};
}

const Topic* Site::find_topic(std::string_view slug) const {
  auto it = topic_by_slug.find(slug);
  return it == topic_by_slug.end() ? nullptr : &topics[it->second];
}

}  // namespace topichub
