// Accessibility check with axe-core, for any page of the dashboard e2e run:
//   const a11y = require('./a11y.cjs'); await a11y.check(page, 'servers');
// Injects axe.min.js (npm axe-core, installed into target/npm by scripts/dashboard-e2e.sh;
// AXE_CORE names its folder), runs it on the whole document, prints every violation, and
// throws on any of impact serious or critical (rule ids and the nodes in the message).
'use strict';
const path = require('path');

const AXE = path.join(process.env.AXE_CORE || 'target/npm/node_modules/axe-core', 'axe.min.js');
const results = [];

async function check(page, name) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations) {
    console.log(`     a11y ${name}: ${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 5).join(' | ')}`);
  }
  console.log(`     a11y ${name}: ${serious.length} serious/critical, ${violations.length - serious.length} other`);
  results.push({ name, serious: serious.length, other: violations.length - serious.length });
  if (serious.length) {
    throw new Error(`axe on ${name}: ` + serious.map((v) => `${v.impact} ${v.id} at ${v.nodes.join(' | ')}`).join('; '));
  }
}

module.exports = { check, results };
