#include "link/topic_matcher.h"

#include <gtest/gtest.h>

namespace topichub {
namespace {

Topic make_topic(std::string name, std::vector<std::string> synonyms = {}) {
  Topic topic;
  topic.name = std::move(name);
  topic.synonyms = std::move(synonyms);
  return topic;
}

std::vector<std::string> found(const TopicMatcher& matcher, std::string_view text) {
  std::vector<std::string> out;
  matcher.scan(text, [&](const TopicMention& m) {
    out.push_back(std::to_string(m.topic) + ":" + std::string(text.substr(m.begin, m.end - m.begin)));
  });
  return out;
}

TEST(TopicMatcher, NormalisesWords) {
  EXPECT_EQ(TopicMatcher::normalize_word("Cramps"), "cramp");
  EXPECT_EQ(TopicMatcher::normalize_word("injuries"), "injury");
  EXPECT_EQ(TopicMatcher::normalize_word("stretches"), "stretch");
  EXPECT_EQ(TopicMatcher::normalize_word("restless"), "restless");
  EXPECT_EQ(TopicMatcher::normalize_word("Parkinson's"), "parkinson");
  EXPECT_EQ(TopicMatcher::normalize_word("Ménière"), "meniere");
}

TEST(TopicMatcher, FindsNamesAndSynonymsCaseAndAccentInsensitive) {
  std::vector<Topic> topics = {make_topic("leg cramps", {"charley horse"}), make_topic("Ménière disease")};
  TopicMatcher matcher(topics);
  EXPECT_EQ(found(matcher, "A Charley Horse woke me. LEG CRAMP again! Meniere disease too."),
            (std::vector<std::string>{"0:Charley Horse", "0:LEG CRAMP", "1:Meniere disease"}));
}

TEST(TopicMatcher, WholeWordsAndSimplePlurals) {
  std::vector<Topic> topics = {make_topic("cramp"), make_topic("iron")};
  TopicMatcher matcher(topics);
  EXPECT_EQ(found(matcher, "cramps, cramping, ironing, iron."), (std::vector<std::string>{"0:cramps", "1:iron"}));
}

TEST(TopicMatcher, LongestMatchWins) {
  std::vector<Topic> topics = {make_topic("legs"), make_topic("restless legs syndrome")};
  TopicMatcher matcher(topics);
  EXPECT_EQ(found(matcher, "Restless legs syndrome affects legs."),
            (std::vector<std::string>{"1:Restless legs syndrome", "0:legs"}));
}

TEST(TopicMatcher, AcronymsOnlyInCapitals) {
  std::vector<Topic> topics = {make_topic("acute lymphoblastic leukemia", {"ALL"}), make_topic("polycystic kidney disease", {"PKD"})};
  TopicMatcher matcher(topics);
  EXPECT_EQ(found(matcher, "All of them had ALL. Not pkd but PKD."), (std::vector<std::string>{"0:ALL", "1:PKD"}));
}

TEST(TopicMatcher, NamesDoNotRunAcrossPunctuation) {
  std::vector<Topic> topics = {make_topic("low iron"), make_topic("Willis-Ekbom disease")};
  TopicMatcher matcher(topics);
  EXPECT_EQ(found(matcher, "It is low, iron is fine. Willis–Ekbom disease and low\niron."),
            (std::vector<std::string>{"1:Willis–Ekbom disease", "0:low\niron"}));
}

// The scan keeps only words some name contains: a name must still not run
// across a word left out ("restless and legs syndrome"), nor across one
// left out at the very start or end of the text.
TEST(TopicMatcher, NamesDoNotRunAcrossOtherWords) {
  std::vector<Topic> topics = {make_topic("restless legs syndrome"), make_topic("legs syndrome")};
  TopicMatcher matcher(topics);
  EXPECT_EQ(found(matcher, "Not restless and legs syndrome; restless legs syndrome, then"),
            (std::vector<std::string>{"1:legs syndrome", "0:restless legs syndrome"}));
  EXPECT_EQ(found(matcher, "restless very legs"), (std::vector<std::string>{}));
}

// One name both as an acronym of one topic and a plain name of another:
// in capitals both match, otherwise only the plain one.
TEST(TopicMatcher, AcronymAndPlainNameOnOneWord) {
  std::vector<Topic> topics = {make_topic("acute lymphoblastic leukemia", {"ALL"}), make_topic("all")};
  TopicMatcher matcher(topics);
  EXPECT_EQ(found(matcher, "ALL and all"), (std::vector<std::string>{"0:ALL", "1:ALL", "1:all"}));
}

TEST(TopicMatcher, ScalesToThousandsOfTopics) {
  std::vector<Topic> topics;
  for (int i = 0; i < 5000; ++i) topics.push_back(make_topic("condition number " + std::to_string(i)));
  topics.push_back(make_topic("gout"));
  TopicMatcher matcher(topics);
  EXPECT_EQ(found(matcher, "About condition number 4321 and gout."),
            (std::vector<std::string>{"4321:condition number 4321", "5000:gout"}));
}

}  // namespace
}  // namespace topichub
