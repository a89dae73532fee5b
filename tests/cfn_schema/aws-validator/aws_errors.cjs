// Runs AWS's template validator (@aws/cloudformation-validate, bundled in
// aws-cdk-lib) over the templates named on the command line, in one process
// (the engine compiles its rules once), and prints one line per ERROR or
// FATAL diagnostic:
//   FILE <TAB> LINE <TAB> KEY <TAB> RULE <TAB> MESSAGE
// KEY names where the error is the way aip's finding paths do, without the
// stack: "Queue/Properties/Tags/0/Value", "Parameters/Env/Default", or ""
// when AWS names no place. Usage: node aws_errors.cjs NODE_MODULES FILE...
'use strict';
const path = require('node:path');

const [modules, ...files] = process.argv.slice(2);
const validate = require(path.resolve(modules, 'aws-cdk-lib', 'node_modules', '@aws', 'cloudformation-validate'));

const SECTIONS = { Parameter: 'Parameters', Output: 'Outputs', Mapping: 'Mappings', Rule: 'Rules', Condition: 'Conditions' };

function keyOf(d) {
  const p = d.propertyPath ?? '';
  // Section-absolute paths use "/", resource-relative ones ".".
  if (p.includes('/')) return p.startsWith('Resources/') ? p.slice('Resources/'.length) : p;
  const id = d.entity?.logicalId;
  if (!id) return p;
  const dotted = p ? '/' + p.split('.').join('/') : '';
  if (d.entity.entityType === 'Resource') return id + dotted;
  const section = SECTIONS[d.entity.entityType];
  return section ? `${section}/${id}${dotted}` : '';
}

const oneLine = (s) => String(s).replace(/[\t\r\n]+/g, ' ');
const engine = new validate.CompositeEngine();
try {
  for (const file of files) {
    const report = engine.validateTemplate(new validate.TemplateFile(file), { detailLevel: 'STANDARD', severityLevel: 'ERROR' });
    for (const d of report.diagnostics) {
      if (d.severity !== 'ERROR' && d.severity !== 'FATAL') continue;
      process.stdout.write([file, d.startLine ?? 0, keyOf(d), d.ruleId, oneLine(d.message)].join('\t') + '\n');
    }
  }
} finally {
  engine.free();
}
