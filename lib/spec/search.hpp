// The `search:` area of the spec: OpenSearch Serverless collections (seed 003's
// vector store, seed 001's vector collection). Every collection gets the three
// policies OpenSearch Serverless needs before it exists: encryption (a
// customer-managed KMS key unless the spec asks for an AWS-owned one), network
// (reachable only through an OpenSearch Serverless VPC endpoint in a VPC of the
// spec, unless the spec says `public: true`) and data access (named roles,
// read or write, never `aoss:*`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct SearchAccess {
  std::vector<Located<std::string>> read;   // roles of the iam area, functions or services of the spec
  std::vector<Located<std::string>> write;  // read + write documents, create and update indexes
};

struct SearchCollection {
  std::string name;
  Location location;
  Located<std::string> account;          // without a vpc; with one, the VPC's account
  Located<std::string> region;
  Located<std::string> collection_name;  // the AWS name; default "<platform>-<name>"
  Located<std::string> type{"vectorsearch", {}};  // vectorsearch | search | timeseries
  Located<std::string> description;
  Located<std::string> vpc;              // the VPC whose endpoint may reach the collection
  Located<std::string> subnets;          // a tier (or zone) of that VPC; default: first private, else isolated
  Located<std::string> security_group;   // a group of that VPC for the endpoint; default: aip's, 443 from the VPC
  Located<bool> public_access{false, {}};    // AllowFromPublic
  Located<bool> aws_owned_key{false, {}};    // AWSOwnedKey instead of aip's customer-managed key
  Located<bool> standby_replicas{true, {}};
  SearchAccess access;
  Located<std::string> classification;  // a level of `classification:`; empty: unclassified
  Tags tags;
};

struct Search {
  Location location;  // where `search:` was written; invalid when absent
  std::vector<SearchCollection> collections;
};

struct Spec;
// The AWS name of a collection (and of its policies and VPC endpoint).
std::string collection_name(const Spec& spec, const SearchCollection& c);
// The CloudFormation type: VECTORSEARCH, SEARCH, TIMESERIES.
std::string collection_type(const SearchCollection& c);

}  // namespace aip::spec
