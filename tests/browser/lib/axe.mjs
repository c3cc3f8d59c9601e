// Runs axe-core (every rule it enables by default: WCAG 2.x A/AA and best
// practices) in a page and formats its violations.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function runAxe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
}

export function describeViolations(results) {
  return results.violations.map((v) =>
    `${v.id} [${v.impact}] ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`).join('\n'))
    .join('\n');
}
