// axe-core finds no violations on every kind of page, at phone and desktop
// width, and on the search page after results arrive as you type.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { artifactsDir, launchBrowser, viewports } from './lib/browser.mjs';
import { describeViolations, runAxe } from './lib/axe.mjs';
import { pages } from './lib/pages.mjs';
import { startServer } from './lib/server.mjs';

let server, browser;
const summary = {};
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  writeFileSync(path.join(artifactsDir, 'axe-summary.json'), JSON.stringify(summary, null, 2) + '\n');
  await browser?.close();
  await server?.stop();
});

for (const [size, options] of Object.entries(viewports)) {
  describe(`axe at ${size} width`, () => {
    for (const [name, pagePath] of Object.entries(pages)) {
      test(`${name} page has no axe violations`, async () => {
        const context = await browser.newContext(options);
        try {
          const page = await context.newPage();
          const response = await page.goto(server.url + pagePath);
          assert.equal(response.status(), name === 'notFound' ? 404 : 200);
          const results = await runAxe(page);
          summary[`${size} ${name}`] = { violations: results.violations.length, passes: results.passes.length, rules: results.violations.map((v) => v.id) };
          assert.equal(results.violations.length, 0, `axe violations on ${pagePath || '/'}:\n${describeViolations(results)}`);
          // The run really checked something: rules passed on this page.
          assert.ok(results.passes.length > 10, `only ${results.passes.length} axe rules passed`);
        } finally {
          await context.close();
        }
      });
    }

    test('search results shown as you type have no axe violations', async () => {
      const context = await browser.newContext(options);
      try {
        const page = await context.newPage();
        await page.goto(server.url + 'search/');
        await page.locator('#search-q').pressSequentially('charley h', { delay: 30 });
        await page.locator('#search-results .result').first().waitFor();
        const results = await runAxe(page);
        summary[`${size} search-as-you-type`] = { violations: results.violations.length, passes: results.passes.length, rules: results.violations.map((v) => v.id) };
        assert.equal(results.violations.length, 0, `axe violations after typing:\n${describeViolations(results)}`);
      } finally {
        await context.close();
      }
    });
  });
}
