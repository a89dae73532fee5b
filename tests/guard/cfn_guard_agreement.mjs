// aip's Guard evaluator against cfn-guard itself: every Control Tower
// proactive-control rule file that @cdklabs/cdk-validator-cfnguard ships
// (Apache-2.0, with cfn-guard 3.1.1's binary) over aip's golden templates.
// For each rule file, cfn-guard's verdicts (compliant PASS, not_compliant
// FAIL, not_applicable SKIP) on the templates that name a resource type the
// file mentions (and one that names none) become a Guard unit-test file,
// which `aip rules test` must meet verdict for verdict.
// usage: node cfn_guard_agreement.mjs AIP CFN_GUARD RULES_DIR TEMPLATES_DIR WORK_DIR
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [aip, guard, rulesDir, templatesDir, work] = process.argv.slice(2);
const walk = (dir, ext) => readdirSync(dir).sort().flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? walk(p, ext) : p.endsWith(ext) ? [p] : [];
});
const ruleFiles = walk(rulesDir, '.guard');
const templates = walk(templatesDir, '.template.json').filter((p) => !p.includes('/examples/'))
  .map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
for (const t of templates) t.types = new Set(Object.values(JSON.parse(t.text).Resources ?? {}).map((r) => r.Type));
const none = templates.find((t) => t.types.size > 0);

// Known, written-down differences (cfn_guard_known_differences.txt): PATH<TAB>reason.
const known = new Map(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'cfn_guard_known_differences.txt'), 'utf8')
  .split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t')));
let files = 0, verdicts = 0, mismatches = 0, failing = 0, knownSeen = 0;
const counts = { PASS: 0, FAIL: 0, SKIP: 0 };
for (const rule of ruleFiles) {
  const text = readFileSync(rule, 'utf8');
  const types = new Set(text.match(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g) ?? []);
  let chosen = templates.filter((t) => [...t.types].some((ty) => types.has(ty)));
  const other = templates.find((t) => ![...t.types].some((ty) => types.has(ty)));
  if (other) chosen = [...chosen, other];
  if (chosen.length === 0) chosen = [none];
  const dataDir = join(work, 'data');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  chosen.forEach((t, i) => copyFileSync(t.path, join(dataDir, `${String(i).padStart(3, '0')}-${basename(t.path)}`)));
  const run = spawnSync(guard, ['validate', '-r', rule, '-d', dataDir, '--output-format', 'json', '--show-summary', 'none'],
                        { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0 && run.status !== 19 && run.status !== 0) {
    if (!run.stdout.trim().startsWith('{')) {
      console.log(`cfn-guard could not evaluate ${rule} (exit ${run.status}): ${run.stderr.split('\n')[0]}`);
      failing++;
      continue;
    }
  }
  // cfn-guard prints one JSON object per data file.
  const results = [];
  const out = run.stdout;
  for (let i = 0; i < out.length;) {
    while (i < out.length && /\s/.test(out[i])) i++;
    if (i >= out.length) break;
    let depth = 0, j = i, inString = false;
    for (; j < out.length; j++) {
      const c = out[j];
      if (inString) { if (c === '\\') j++; else if (c === '"') inString = false; continue; }
      if (c === '"') inString = true; else if (c === '{') depth++; else if (c === '}' && --depth === 0) break;
    }
    results.push(JSON.parse(out.slice(i, j + 1)));
    i = j + 1;
  }
  const cases = [];
  for (const r of results) {
    const rules = {};
    for (const n of r.compliant ?? []) rules[n] = 'PASS';
    for (const n of r.not_applicable ?? []) rules[n] = 'SKIP';
    for (const n of r.not_compliant ?? []) rules[typeof n === 'string' ? n : n.Rule?.name ?? n.name] = 'FAIL';
    for (const v of Object.values(rules)) counts[v]++;
    verdicts += Object.keys(rules).length;
    cases.push({ name: basename(r.name), input: JSON.parse(readFileSync(r.name, 'utf8')), expectations: { rules } });
  }
  const testFile = join(work, 'tests.json');
  writeFileSync(testFile, JSON.stringify(cases));
  const ours = spawnSync(aip, ['rules', 'test', rule, '--tests', testFile], { encoding: 'utf8', maxBuffer: 1 << 28 });
  files++;
  const relative = rule.slice(rulesDir.length + 1);
  if (known.has(relative)) {
    if (ours.status === 0) {
      mismatches++;
      console.log(`AGREES NOW ${relative}: remove it from cfn_guard_known_differences.txt`);
    } else {
      knownSeen++;
    }
    continue;
  }
  if (ours.status !== 0) {
    mismatches++;
    console.log(`MISMATCH ${rule.slice(rulesDir.length + 1)} (aip rules test exit ${ours.status}):`);
    console.log((ours.stdout + ours.stderr).split('\n').filter((l) => /FAIL|error|Expected/.test(l)).slice(0, 12).join('\n'));
  }
}
console.log(`cfn_guard_agreement: ${files} rule files, ${verdicts} verdicts of cfn-guard (${counts.PASS} PASS, ` +
            `${counts.FAIL} FAIL, ${counts.SKIP} SKIP), ${mismatches} rule files where aip differs, ${knownSeen} known differences, ` +
            `${failing} cfn-guard could not run`);
process.exit(mismatches > 0 ? 1 : 0);
