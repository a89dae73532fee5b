#!/usr/bin/env node
// Turns the Lambda runtime list of aws-cdk-lib (Runtime.ALL in aws-lambda,
// with the @deprecated marks of its type declarations) into the committed data
// file data/lambda-runtimes.json: every runtime with its family and whether
// AWS has deprecated it, and the newest supported runtime of each family.
//
// Usage: node generate.mjs [--out FILE]
// aws-cdk-lib is found next to this file (npm ci here) or under
// $CDK_PREFIX/node_modules; its version must be the one package.json pins.
// Only node built-ins are used besides aws-cdk-lib itself.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies['aws-cdk-lib'];

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function findCdkLib() {
  const candidates = [];
  if (process.env.CDK_PREFIX) candidates.push(join(process.env.CDK_PREFIX, 'node_modules', 'aws-cdk-lib'));
  candidates.push(join(here, 'node_modules', 'aws-cdk-lib'));
  for (const c of candidates) if (existsSync(join(c, 'package.json'))) return c;
  throw new Error('cannot find aws-cdk-lib; run "npm ci" in tools/lambda-runtimes or set CDK_PREFIX');
}

const cdkDir = findCdkLib();
const version = JSON.parse(readFileSync(join(cdkDir, 'package.json'), 'utf8')).version;
if (version !== pinned) {
  throw new Error(`aws-cdk-lib ${version} is installed, package.json pins ${pinned}`);
}
const require = createRequire(join(cdkDir, 'package.json'));
const { Runtime, RuntimeFamily } = require(join(cdkDir, 'aws-lambda'));

// The family labels aip uses: the prefix every runtime name of the family has.
const familyLabels = {
  NODEJS: 'nodejs', JAVA: 'java', PYTHON: 'python', DOTNET_CORE: 'dotnet', GO: 'go', RUBY: 'ruby', OTHER: 'provided',
};

// Deprecation is documentation only (a @deprecated tag on the static member),
// so it is read from the type declarations: member name -> deprecated.
const dts = readFileSync(join(cdkDir, 'aws-lambda', 'lib', 'runtime.d.ts'), 'utf8');
const deprecatedMembers = new Set();
const memberPattern = /(\/\*\*(?:[^*]|\*(?!\/))*\*\/)?\s*static readonly ([A-Z0-9_]+): Runtime;/g;
for (const m of dts.matchAll(memberPattern)) {
  if (m[1] && m[1].includes('@deprecated')) deprecatedMembers.add(m[2]);
}

// A runtime name is deprecated when every member naming it is (NODEJS_LATEST
// names the same runtime as NODEJS_24_X, for instance).
const byName = new Map();
for (const member of Object.getOwnPropertyNames(Runtime)) {
  const rt = Runtime[member];
  if (!(rt instanceof Runtime) || rt.family === undefined) continue;  // FROM_IMAGE: container images
  const family = familyLabels[RuntimeFamily[rt.family]];
  if (!family || !rt.name.startsWith(family)) throw new Error(`runtime ${rt.name} does not fit family ${family}`);
  const entry = byName.get(rt.name) ?? { name: rt.name, family, deprecated: true };
  entry.deprecated &&= deprecatedMembers.has(member);
  byName.set(rt.name, entry);
}
for (const rt of Runtime.ALL) {
  if (rt.family !== undefined && !byName.has(rt.name)) throw new Error(`runtime ${rt.name} has no static member`);
}

// Versions compare as the numbers in the name, in order: python3.9 < python3.10,
// java17 < java17.al2023 < java21, provided < provided.al2 < provided.al2023.
const numbers = (name) => (name.match(/\d+/g) ?? []).map(Number);
function compareVersions(a, b) {
  const x = numbers(a.name), y = numbers(b.name);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
const runtimes = [...byName.values()].sort((a, b) =>
  a.family !== b.family ? (a.family < b.family ? -1 : 1) : compareVersions(a, b));

const newest = {};
for (const rt of runtimes) if (!rt.deprecated) newest[rt.family] = rt.name;  // sorted: the last one wins

const out = {
  source: { package: 'aws-cdk-lib', version, from: 'aws-lambda Runtime (static members; @deprecated in runtime.d.ts)' },
  newest: Object.fromEntries(Object.entries(newest).sort(([a], [b]) => (a < b ? -1 : 1))),
  runtimes,
};
const text = '{\n' +
  `  "source": ${JSON.stringify(out.source)},\n` +
  `  "newest": ${JSON.stringify(out.newest)},\n` +
  '  "runtimes": [\n' + runtimes.map((r) => '    ' + JSON.stringify(r)).join(',\n') + '\n  ]\n}\n';
const file = resolve(arg('--out') ?? join(here, '..', '..', 'data', 'lambda-runtimes.json'));
writeFileSync(file, text);
console.log(`wrote ${file}: ${runtimes.length} runtimes, newest ${Object.values(out.newest).join(', ')}`);
