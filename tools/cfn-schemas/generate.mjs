#!/usr/bin/env node
// Turns the CDK service spec database (db.json.gz from @aws-cdk/aws-service-spec)
// into data/cfn-schemas.jsonl: one compact, sorted JSON line per resource type,
// plus data/cfn-schemas.version recording where it came from.
//
// Usage: node generate.mjs [--db PATH/db.json.gz] [--out DIR]
// Defaults: the db.json.gz of the package installed next to this file (or under
// $SPEC_PREFIX/node_modules), and <repo>/data.
// Only node built-ins are used; the spec package itself is the sole dependency.
//
// The value keywords the db lacks (pattern, lengths, bounds, item counts,
// uniqueness, required-one-of, dependent properties) come from the registry
// schemas bundled in AWS's template validator, @aws/cloudformation-validate,
// which aws-cdk-lib ships: --validator PATH/bindings_wasm_bg.wasm, or found
// under $CDK_PREFIX/node_modules/aws-cdk-lib. The schemas are a zstd frame in
// the wasm's data; the `zstd` command decompresses it (node 20 has no zstd).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const PKG = '@aws-cdk/aws-service-spec';

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function findPackageDir() {
  const candidates = [];
  if (process.env.SPEC_PREFIX) candidates.push(join(process.env.SPEC_PREFIX, 'node_modules', PKG));
  candidates.push(join(here, 'node_modules', PKG));
  for (const c of candidates) if (existsSync(join(c, 'db.json.gz'))) return c;
  throw new Error(`cannot find ${PKG}; run "npm ci" in tools/cfn-schemas or pass --db`);
}

const pkgDir = arg('--db') ? dirname(resolve(arg('--db'))) : findPackageDir();
const dbPath = arg('--db') ? resolve(arg('--db')) : join(pkgDir, 'db.json.gz');
const outDir = resolve(arg('--out') ?? join(here, '..', '..', 'data'));
const pkgJsonPath = join(pkgDir, 'package.json');
const pkgVersion = existsSync(pkgJsonPath) ? JSON.parse(readFileSync(pkgJsonPath, 'utf8')).version : 'unknown';
const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies[PKG];
if (pkgVersion !== pinned) {
  throw new Error(`installed ${PKG}@${pkgVersion} but package.json pins ${pinned}`);
}

const validator = loadValidatorSchemas();
const db = JSON.parse(gunzipSync(readFileSync(dbPath)).toString('utf8'));
const resources = db.schema.resource.entities;
const typeDefs = new Map(db.schema.typeDefinition.entities.map((t) => [t.$id, t]));

function findValidatorWasm() {
  if (arg('--validator')) return resolve(arg('--validator'));
  const rel = join('node_modules', 'aws-cdk-lib', 'node_modules', '@aws', 'cloudformation-validate', 'bindings_wasm_bg.wasm');
  const candidates = [];
  if (process.env.CDK_PREFIX) candidates.push(join(process.env.CDK_PREFIX, rel));
  candidates.push(join(here, rel));
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error('cannot find aws-cdk-lib\'s @aws/cloudformation-validate; set CDK_PREFIX or pass --validator');
}

// { schemas: {Type: registry schema}, source: "aws-cdk-lib@X (cloudformation-validate@Y)" }
function loadValidatorSchemas() {
  const wasmPath = findValidatorWasm();
  const wasm = readFileSync(wasmPath);
  const magic = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
  for (let at = wasm.indexOf(magic); at >= 0; at = wasm.indexOf(magic, at + 1)) {
    // zstd stops at the end of the frame; the bytes after it are not ours.
    const r = spawnSync('zstd', ['-dc'], { input: wasm.subarray(at), maxBuffer: 1 << 30 });
    const head = r.stdout.subarray(0, 200).toString('latin1');
    if (!/^\{"AMZN::SDC::Deployment":\{"type_name"|^\{"AWS::[A-Za-z0-9]+::[A-Za-z0-9]+":\{"type_name"/.test(head)) continue;
    const schemas = JSON.parse(r.stdout.toString('utf8'));
    const pkgOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    const validateDir = dirname(wasmPath);
    const cdkDir = resolve(validateDir, '..', '..', '..');
    const cdkVersion = existsSync(join(cdkDir, 'package.json')) ? pkgOf(cdkDir) : 'unknown';
    return { schemas, source: `aws-cdk-lib@${cdkVersion} (@aws/cloudformation-validate@${pkgOf(validateDir)})` };
  }
  throw new Error(`no resource schemas found in ${wasmPath}`);
}

const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean', 'json', 'timestamp', 'tag']);

// Type expression grammar (documented in README.md):
//   string|integer|number|boolean|json|timestamp|tag | list<T> | map<T> | union<T|T...> | TypeName
function typeExpr(t, used) {
  switch (t.type) {
    case 'string': case 'integer': case 'number': case 'boolean': case 'json': case 'tag':
      return t.type;
    case 'date-time':
      return 'timestamp';
    case 'array':
      return `list<${typeExpr(t.element, used)}>`;
    case 'map':
      return `map<${typeExpr(t.element, used)}>`;
    case 'union':
      return `union<${t.types.map((x) => typeExpr(x, used)).join('|')}>`;
    case 'ref': {
      const def = typeDefs.get(t.reference.$ref);
      if (!def) throw new Error(`dangling type reference ${t.reference.$ref}`);
      if (PRIMITIVES.has(def.name) || /[<>|]/.test(def.name)) throw new Error(`type name clashes with grammar: ${def.name}`);
      used.add(def.$id);
      return def.name;
    }
    default:
      throw new Error(`unknown type kind ${t.type}`);
  }
}

// allowedValues sit on the scalar type, possibly inside a list; an enum applies
// to the scalar value or to each list element.
function enumOf(t) {
  if (t.allowedValues) return t.allowedValues;
  if (t.type === 'array' && t.element.allowedValues) return t.element.allowedValues;
  return undefined;
}

const byKey = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const sortedObject = (entries) => Object.fromEntries([...entries].sort((a, b) => byKey(a[0], b[0])));

// The registry schema of a property, following one ref_name to a scalar definition.
function deref(v, vdefs) {
  if (v && v.ref_name && vdefs[v.ref_name]) return { ...vdefs[v.ref_name], ...v };
  return v;
}

// Keywords of a scalar value (or of each list element, like enum).
const SCALAR_KEYWORDS = [['pattern', 'pattern'], ['min_length', 'minLength'], ['max_length', 'maxLength'],
  ['minimum', 'minimum'], ['maximum', 'maximum']];
const LIST_KEYWORDS = [['min_items', 'minItems'], ['max_items', 'maxItems'], ['unique_items', 'uniqueItems']];

function scalarKind(t) {
  return ['string', 'integer', 'number'].includes(t.type);
}

// Registry keywords of one property: `vp` is its registry schema, `vdefs` the
// registry definitions; `defMap` learns which registry definition each db type
// definition corresponds to (the names usually agree, but the walk does not
// rely on it).
function valueKeywords(p, vp, vdefs, defMap, out) {
  if (!vp) return;
  vp = deref(vp, vdefs);
  let scalarSchema;
  if (p.type.type === 'array') {
    for (const [from, to] of LIST_KEYWORDS) if (vp[from] && !(from === 'min_items' && vp[from] === 0)) out[to] = vp[from];
    const items = deref(vp.items, vdefs);
    if (scalarKind(p.type.element)) scalarSchema = items;
    if (p.type.element.type === 'ref' && vp.items?.ref_name) learn(p.type.element, vp.items.ref_name, vdefs, defMap);
  } else if (p.type.type === 'map') {
    // A map whose keys the registry restricts (patternProperties with one
    // pattern, additionalProperties false): WAF's RequestBody takes only
    // resource type names such as API_GATEWAY as keys.
    const patterns = Object.keys(vp.pattern_properties ?? {});
    if (patterns.length === 1 && vp.additional_properties === false) out.keyPattern = patterns[0];
  } else if (scalarKind(p.type)) {
    scalarSchema = vp;
  } else if (p.type.type === 'ref' && vp.ref_name) {
    learn(p.type, vp.ref_name, vdefs, defMap);
  }
  if (scalarSchema) {
    // A minimum length of 0 says nothing; leaving it out keeps the file small.
    for (const [from, to] of SCALAR_KEYWORDS) {
      if (scalarSchema[from] !== undefined && !(from === 'min_length' && scalarSchema[from] === 0)) out[to] = scalarSchema[from];
    }
  }
}

function learn(t, refName, vdefs, defMap) {
  const id = t.reference.$ref;
  if (!defMap.has(id) && vdefs[refName]?.properties) defMap.set(id, vdefs[refName]);
}

// Property-set keywords of a registry object schema: exactly one of, at least
// one of, and properties that need or exclude others.
function structKeywords(v, out) {
  if (!v) return out;
  if (v.required_xor) out.exactlyOne = [...v.required_xor].sort(byKey);
  if (v.required_or) out.atLeastOne = [...v.required_or].sort(byKey);
  const sortLists = (m) => sortedObject(Object.entries(m).map(([k, l]) => [k, [...l].sort(byKey)]));
  if (v.dependent_required) out.requires = sortLists(v.dependent_required);
  if (v.dependent_excluded) out.excludes = sortLists(v.dependent_excluded);
  return out;
}

function convertProps(props, used, vprops = {}, vdefs = {}, defMap = new Map()) {
  return sortedObject(Object.entries(props).map(([name, p]) => {
    const out = { type: typeExpr(p.type, used) };
    if (p.required) out.required = true;
    const e = enumOf(p.type);
    if (e) out.enum = [...e].sort((a, b) => byKey(String(a), String(b)));
    valueKeywords(p, vprops[name], vdefs, defMap, out);
    return [name, out];
  }));
}

// Replacement paths: a property with causesReplacement yes/maybe, found by walking
// the resource's properties into nested types. Lists and maps add a "*" segment,
// like the registry schemas' createOnlyProperties. Nothing below an already
// replacing path is listed (changing anything inside it replaces anyway).
function replacementPaths(res) {
  const yes = new Set();
  const maybe = new Set();
  const walkType = (t, path, stack) => {
    if (t.type === 'array' || t.type === 'map') return walkType(t.element, [...path, '*'], stack);
    if (t.type === 'union') return t.types.forEach((x) => walkType(x, path, stack));
    if (t.type !== 'ref') return;
    if (stack.includes(t.reference.$ref)) return; // recursive types
    const def = typeDefs.get(t.reference.$ref);
    walkProps(def.properties, path, [...stack, t.reference.$ref]);
  };
  const walkProps = (props, path, stack) => {
    for (const [name, p] of Object.entries(props)) {
      const here2 = [...path, name];
      if (p.causesReplacement === 'yes') { yes.add(here2.join('/')); continue; }
      if (p.causesReplacement === 'maybe') maybe.add(here2.join('/'));
      walkType(p.type, here2, stack);
    }
  };
  walkProps(res.properties, [], []);
  for (const extra of res.additionalReplacementProperties ?? []) yes.add(extra.join('/'));
  const underYes = (p) => p.split('/').some((_, i, segs) => i > 0 && yes.has(segs.slice(0, i).join('/')));
  return {
    createOnly: [...yes].filter((p) => !underYes(p)).sort(byKey),
    conditionalCreateOnly: [...maybe].filter((p) => !yes.has(p) && !underYes(p)).sort(byKey),
  };
}

function convertResource(res) {
  const used = new Set();
  const out = { type: res.cloudFormationType };
  const v = validator.schemas[res.cloudFormationType];
  const vdefs = v?.definitions ?? {};
  const defMap = new Map();
  out.properties = convertProps(res.properties, used, v?.properties, vdefs, defMap);
  structKeywords(v, out);
  // Nested type definitions reachable from the properties (transitively).
  const types = [];
  const done = new Set();
  while (used.size > done.size) {
    for (const id of [...used]) {
      if (done.has(id)) continue;
      done.add(id);
      const def = typeDefs.get(id);
      const vdef = defMap.get(id);
      types.push([def.name, structKeywords(vdef, { properties: convertProps(def.properties, used, vdef?.properties, vdefs, defMap) })]);
    }
  }
  if (types.length) out.types = sortedObject(types);
  const { createOnly, conditionalCreateOnly } = replacementPaths(res);
  if (createOnly.length) out.createOnly = createOnly;
  if (conditionalCreateOnly.length) out.conditionalCreateOnly = conditionalCreateOnly;
  const attrs = Object.keys(res.attributes).sort(byKey);
  if (attrs.length) out.attributes = attrs;
  // Attributes typed json/map accept any "Attr.Sub" key in Fn::GetAtt.
  const dyn = attrs.filter((a) => ['json', 'map'].includes(res.attributes[a].type.type));
  if (dyn.length) out.dynamicAttributes = dyn;
  // What Fn::GetAtt returns, when it is not a string (most are; leaving those
  // out keeps the file small). Object types are named like property types but
  // are not added to `types`: only their shape (an object) matters.
  const attrTypes = attrs.map((a) => [a, typeExpr(res.attributes[a].type, new Set())]).filter(([, t]) => t !== 'string');
  if (attrTypes.length) out.attributeTypes = sortedObject(attrTypes);
  if (res.primaryIdentifier) out.primaryIdentifier = res.primaryIdentifier;
  if (res.cfnRefIdentifier) out.cfnRefIdentifier = res.cfnRefIdentifier;
  if (res.tagInformation) out.tagging = { property: res.tagInformation.tagPropertyName, variant: res.tagInformation.variant };
  if (res.cloudFormationTransform) out.transform = res.cloudFormationTransform;
  return out;
}

// Non-ASCII becomes \uXXXX so the file (and the C++ literals made from it) stay ASCII.
const asciiJson = (v) => JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

const seen = new Set();
const lines = resources
  .map((r) => {
    if (seen.has(r.cloudFormationType)) throw new Error(`duplicate type ${r.cloudFormationType}`);
    seen.add(r.cloudFormationType);
    return convertResource(r);
  })
  .sort((a, b) => byKey(a.type, b.type))
  .map(asciiJson);
const body = lines.join('\n') + '\n';
writeFileSync(join(outDir, 'cfn-schemas.jsonl'), body);

// Publish date of the pinned version, if the registry answers; the data file
// itself carries no date so that regenerating it is byte-for-byte reproducible.
let published = 'unknown';
try {
  const { execFileSync } = await import('node:child_process');
  const times = JSON.parse(execFileSync('npm', ['view', `${PKG}@${pkgVersion}`, 'time', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  if (times[pkgVersion]) published = times[pkgVersion].slice(0, 10);
} catch { /* offline: leave unknown */ }
const version = {
  source: PKG,
  version: pkgVersion,
  keywordsFrom: validator.source,
  published,
  generated: (process.env.SOURCE_DATE_EPOCH ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000) : new Date()).toISOString().slice(0, 10),
  resourceTypes: lines.length,
  sha256: createHash('sha256').update(body).digest('hex'),
};
writeFileSync(join(outDir, 'cfn-schemas.version'), JSON.stringify(version, null, 2) + '\n');
console.log(`wrote ${lines.length} resource types (${body.length} bytes) from ${PKG}@${pkgVersion}`);
