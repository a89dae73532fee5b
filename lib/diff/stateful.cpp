// Which resource types hold data, and which can keep a final snapshot.
#include <algorithm>
#include <array>
#include <string_view>

#include "diff/values.hpp"

namespace aip::diff {

namespace {

// Types whose replacement or deletion destroys data someone cares about:
// databases, object and file stores, queues and streams with messages in
// flight, logs (audit evidence), keys (data encrypted under them becomes
// unreadable), user directories and secrets. Sorted for binary search.
constexpr std::array<std::string_view, 31> kStateful = {
    "AWS::Backup::BackupVault",
    "AWS::Cognito::UserPool",
    "AWS::DocDB::DBCluster",
    "AWS::DynamoDB::GlobalTable",
    "AWS::DynamoDB::Table",
    "AWS::EC2::Volume",
    "AWS::ECR::Repository",
    "AWS::EFS::FileSystem",
    "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::ElastiCache::ServerlessCache",
    "AWS::Elasticsearch::Domain",
    "AWS::FSx::FileSystem",
    "AWS::KMS::Key",
    "AWS::Kinesis::Stream",
    "AWS::KinesisFirehose::DeliveryStream",
    "AWS::Logs::LogGroup",
    "AWS::MemoryDB::Cluster",
    "AWS::Neptune::DBCluster",
    "AWS::OpenSearchServerless::Collection",
    "AWS::OpenSearchService::Domain",
    "AWS::QLDB::Ledger",
    "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::Redshift::Cluster",
    "AWS::S3::Bucket",
    "AWS::S3Express::DirectoryBucket",
    "AWS::SQS::Queue",
    "AWS::SecretsManager::Secret",
    "AWS::Timestream::Database",
    "AWS::Timestream::Table",
};

// The types CloudFormation accepts `Snapshot` for (DeletionPolicy and
// UpdateReplacePolicy documentation).
constexpr std::array<std::string_view, 9> kSnapshot = {
    "AWS::DocDB::DBCluster",
    "AWS::EC2::Volume",
    "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::ElastiCache::ServerlessCache",
    "AWS::Neptune::DBCluster",
    "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::Redshift::Cluster",
};

}  // namespace

bool is_stateful(const std::string& type) {
  return std::binary_search(kStateful.begin(), kStateful.end(), std::string_view(type));
}

bool supports_snapshot(const std::string& type) {
  return std::binary_search(kSnapshot.begin(), kSnapshot.end(), std::string_view(type));
}

}  // namespace aip::diff
