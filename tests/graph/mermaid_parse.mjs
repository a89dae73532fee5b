// Parses each Mermaid file given with Mermaid's own parser (mermaid.parse),
// in node with jsdom for the DOM that Mermaid's sanitizer needs.
// usage: node mermaid_parse.mjs NODE_MODULES FILE...
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, ...files] = process.argv.slice(2);
const require = createRequire(join(modules, 'noop.js'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(require.resolve('mermaid')).href);
mermaid.initialize({ startOnLoad: false, maxTextSize: 10000000, maxEdges: 100000 });
let failed = 0;
for (const file of files) {
  try {
    const result = await mermaid.parse(readFileSync(file, 'utf8'));
    if (!result || !String(result.diagramType).startsWith('flowchart')) throw new Error('not a flowchart: ' + JSON.stringify(result));
    console.log(`ok: ${file}`);
  } catch (e) {
    failed++;
    console.log(`FAIL: ${file}: ${String(e.message ?? e).split('\n').slice(0, 4).join(' | ')}`);
  }
}
process.exit(failed ? 1 : 0);
