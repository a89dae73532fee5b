// For each corpus pair (tests/diff/corpus/*.json): the classification of every
// changed resource by the AWS CDK's diff engine and by `aip diff --format
// json`. Each must match what the pair records: `expected` for aip, and for
// cdk `expected` overridden by `cdk_differs` (the documented cases where aip
// deliberately answers differently). Prints one line per pair and a count of
// the pairs on which both tools agree exactly.
// Usage: node cdk_agreement.mjs AIP_BINARY CORPUS_DIR NODE_PREFIX
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [aip, corpus, prefix] = process.argv.slice(2);
const require = createRequire(join(prefix, 'package.json'));
const cfnDiff = require('@aws-cdk/cloudformation-diff');
const { ResourceImpact } = cfnDiff;

function cdkClasses(oldTemplate, newTemplate) {
  const diff = cfnDiff.fullDiff(oldTemplate, newTemplate);
  const out = {};
  diff.resources.forEachDifference((id, change) => {
    if (change.isAddition) out[id] = 'added';
    else if (change.isRemoval) out[id] = 'removed';
    else if (change.changeImpact === ResourceImpact.WILL_REPLACE) out[id] = 'replaced';
    else if (change.changeImpact === ResourceImpact.MAY_REPLACE) out[id] = 'may-replace';
    else out[id] = 'updated';
  });
  return out;
}

function aipClasses(oldTemplate, newTemplate, work) {
  const a = join(work, 'old.template.json');
  const b = join(work, 'new.template.json');
  writeFileSync(a, JSON.stringify(oldTemplate, null, 1));
  writeFileSync(b, JSON.stringify(newTemplate, null, 1));
  const json = JSON.parse(execFileSync(aip, ['diff', a, b, '--format', 'json'], { encoding: 'utf8' }));
  const out = {};
  for (const stack of json.stacks) for (const r of stack.resources) out[r.logical_id] = r.change;
  return out;
}

const same = (x, y) => JSON.stringify(Object.entries(x).sort()) === JSON.stringify(Object.entries(y).sort());
const show = (x) => JSON.stringify(Object.fromEntries(Object.entries(x).sort()));

const work = mkdtempSync(join(tmpdir(), 'aip-cdk-diff-'));
let failures = 0;
let agree = 0;
let pairs = 0;
try {
  for (const file of readdirSync(corpus).filter((f) => f.endsWith('.json')).sort()) {
    const pair = JSON.parse(readFileSync(join(corpus, file), 'utf8'));
    ++pairs;
    const expectedAip = pair.expected;
    const expectedCdk = { ...pair.expected, ...(pair.cdk_differs?.classes ?? {}) };
    for (const [id, c] of Object.entries(expectedCdk)) if (c === 'unchanged') delete expectedCdk[id];
    const cdk = cdkClasses(pair.old, pair.new);
    const ours = aipClasses(pair.old, pair.new, work);
    const problems = [];
    if (!same(cdk, expectedCdk)) problems.push(`cdk ${show(cdk)}, recorded ${show(expectedCdk)}`);
    if (!same(ours, expectedAip)) problems.push(`aip ${show(ours)}, recorded ${show(expectedAip)}`);
    if (problems.length) {
      ++failures;
      console.log(`FAIL ${file}: ${problems.join('; ')}`);
    } else if (same(cdk, ours)) {
      ++agree;
      console.log(`ok   ${file}: ${show(ours)}`);
    } else {
      console.log(`ok   ${file}: aip ${show(ours)}, cdk ${show(cdk)} (documented: ${pair.cdk_differs.reason})`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const version = JSON.parse(readFileSync(join(prefix, 'node_modules/@aws-cdk/cloudformation-diff/package.json'), 'utf8')).version;
console.log(`${pairs} pairs; aip and @aws-cdk/cloudformation-diff ${version} agree on ${agree}, ` +
            `${pairs - agree - failures} documented differences, ${failures} failures`);
process.exit(failures ? 1 : 0);
