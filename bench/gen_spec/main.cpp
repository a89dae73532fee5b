// Writes a large aip spec to stdout for benchmarks: N accounts x M VPCs x K
// security groups (each referencing the previous one), plus buckets.
// VARIANT 1 is the "next version" for `aip diff`: every group-to-group rule
// moves to another port (rules replaced), the internet-facing rule narrows to
// 10.0.0.0/8, and each account gains a bucket.
// Usage: bench_gen_spec ACCOUNTS VPCS_PER_ACCOUNT GROUPS_PER_VPC [VARIANT]
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr, "usage: %s ACCOUNTS VPCS_PER_ACCOUNT GROUPS_PER_VPC [VARIANT]\n", argv[0]);
    return 2;
  }
  const int accounts = std::atoi(argv[1]);
  const int vpcs = std::atoi(argv[2]);
  const int groups = std::atoi(argv[3]);
  const int variant = argc == 5 ? std::atoi(argv[4]) : 0;
  if (accounts < 1 || vpcs < 1 || groups < 1 || accounts * vpcs > 4096 || variant < 0 || variant > 1) {
    std::fprintf(stderr, "need 1 <= ACCOUNTS*VPCS <= 4096, GROUPS >= 1 and VARIANT 0 or 1\n");
    return 2;
  }
  std::printf("aip: 1\nname: bench\ntags: {Project: bench, CostCenter: perf}\naccounts:\n");
  for (int a = 0; a < accounts; ++a) std::printf("  a%d: {id: \"%012d\", region: us-east-1}\n", a, 100000000 + a);
  std::printf("network:\n  on_prem: [192.168.0.0/16]\n  vpcs:\n");
  // Every VPC gets its own /20 of 10.0.0.0/8, so nothing overlaps.
  for (int a = 0; a < accounts; ++a) {
    for (int v = 0; v < vpcs; ++v) {
      int n = a * vpcs + v;
      std::printf("    v%d-%d:\n      account: a%d\n      cidr: 10.%d.%d.0/20\n      azs: 3\n", a, v, a, n / 16,
                  (n % 16) * 16);
      std::printf("      tiers: {public: 24, private: 24, isolated: 24}\n      nat: single\n");
      std::printf("      endpoints: {interface: [sts, logs], gateway: [s3]}\n");
    }
  }
  std::printf("  security_groups:\n");
  for (int a = 0; a < accounts; ++a) {
    for (int v = 0; v < vpcs; ++v) {
      for (int g = 0; g < groups; ++g) {
        std::printf("    g%d-%d-%d:\n      vpc: v%d-%d\n      ingress:\n", a, v, g, a, v);
        if (g == 0) {
          std::printf("        - {port: 443, from: %s, description: HTTPS}\n", variant ? "10.0.0.0/8" : "0.0.0.0/0");
        } else {
          std::printf("        - {port: %d, from: sg:g%d-%d-%d}\n", (variant ? 9000 : 8000) + g, a, v, g - 1);
        }
        std::printf("      egress:\n        - {port: 443, to: vpc}\n");
      }
    }
  }
  std::printf("storage:\n  buckets:\n");
  for (int a = 0; a < accounts; ++a) {
    std::printf("    logs-%d: {account: a%d, preset: logs}\n    data-%d: {account: a%d, preset: silver}\n", a, a, a, a);
    if (variant) std::printf("    gold-%d: {account: a%d, preset: gold}\n", a, a);
  }
  return 0;
}
