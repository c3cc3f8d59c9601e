// Search as you type (no page load), and the plain form with scripts off.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, viewports } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('search', () => {
  test('typing "charl" then "charley h" shows cramp results without a page load', async () => {
    const context = await browser.newContext(viewports.phone);
    try {
      const page = await context.newPage();
      await page.goto(server.url + 'search/');
      assert.equal(await page.locator('#search-results .result').count(), 0, 'no results before typing');
      let documentLoads = 0;
      page.on('request', (request) => { if (request.resourceType() === 'document') documentLoads++; });
      const apiQueries = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === '/api/search') apiQueries.push(url.searchParams.get('q'));
      });
      await page.evaluate(() => { window.sameDocument = true; });

      const box = page.locator('#search-q');
      const lead = page.locator('#search-results .lead');
      await box.pressSequentially('charl', { delay: 50 });
      await lead.filter({ hasText: '“charl”' }).waitFor();
      let titles = await page.locator('#search-results .result h2 a').allInnerTexts();
      assert.ok(titles.length > 0, 'results for "charl"');
      assert.ok(titles.some((t) => /cramp/i.test(t)), `cramp results for "charl": ${titles}`);

      await box.pressSequentially('ey h', { delay: 50 });
      await lead.filter({ hasText: '“charley h”' }).waitFor();
      titles = await page.locator('#search-results .result h2 a').allInnerTexts();
      assert.ok(titles.some((t) => /cramp/i.test(t)), `cramp results for "charley h": ${titles}`);
      const first = await page.locator('#search-results .result h2 a').first().getAttribute('href');
      assert.equal(first, '/topics/leg-cramps-at-night/');

      assert.equal(documentLoads, 0, 'no page was loaded while typing');
      assert.equal(await page.evaluate(() => window.sameDocument), true, 'still the same document');
      assert.ok(apiQueries.includes('charl') && apiQueries.includes('charley h'), `asked /api/search: ${apiQueries}`);
      assert.match(page.url(), /\/search\/\?q=charley%20h$/, 'the address follows the query');
      assert.match(await page.locator('#search-status').innerText(), /for “charley h”/, 'screen readers are told the count');

      await box.fill('');
      await box.dispatchEvent('input');
      await page.waitForFunction(() => document.querySelectorAll('#search-results .result').length === 0);
    } finally {
      await context.close();
    }
  });

  test('with scripts disabled the form still searches', async () => {
    const context = await browser.newContext({ ...viewports.desktop, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const apiCalls = [];
      page.on('request', (request) => { if (request.url().includes('/api/search')) apiCalls.push(request.url()); });
      await page.goto(server.url + 'search/');
      await page.locator('#search-q').fill('charley horse');
      await Promise.all([page.waitForURL(/\/search\/\?q=charley\+horse$/), page.getByRole('button', { name: 'Search' }).click()]);
      assert.match(await page.locator('#search-results .lead').innerText(), /\d+ results? for “charley horse”/);
      const titles = await page.locator('#search-results .result h2 a').allInnerTexts();
      assert.ok(titles.length >= 5, `server-rendered results: ${titles}`);
      assert.ok(titles.some((t) => /cramp/i.test(t)));
      assert.equal(await page.locator('#search-q').inputValue(), 'charley horse', 'the box keeps the query');
      assert.deepEqual(apiCalls, [], 'nothing was fetched by script');
      // A second page of results, by link.
      await Promise.all([page.waitForURL(/page=2/), page.locator('a[rel="next"]').click()]);
      assert.ok(await page.locator('#search-results .result').count() > 0, 'page 2 has results');
    } finally {
      await context.close();
    }
  });
});
