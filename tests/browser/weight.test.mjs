// Page weight: bytes transferred (headers + compressed bodies, as Chromium's
// network stack counts them) for a first visit with an empty cache. The hub
// with its CSS must stay under 60 KB (compressed, and even uncompressed). Writes artifacts/page-weight.json.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { artifactsDir, launchBrowser, viewports } from './lib/browser.mjs';
import { pages } from './lib/pages.mjs';
import { startServer } from './lib/server.mjs';

const budget = 60 * 1000; // "under 60 KB", counted in decimal kilobytes to be strict
let server, browser;
const weights = {};
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  writeFileSync(path.join(artifactsDir, 'page-weight.json'), JSON.stringify(weights, null, 2) + '\n');
  await browser?.close();
  await server?.stop();
});

async function measure(pagePath, { type } = {}) {
  const context = await browser.newContext(viewports.phone);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const requests = new Map();
    cdp.on('Network.responseReceived', ({ requestId, response, type }) => {
      requests.set(requestId, {
        url: response.url.replace(server.url, '/'),
        type,
        status: response.status,
        encoding: response.headers['Content-Encoding'] ?? response.headers['content-encoding'] ?? 'identity',
        bytes: 0,
        decoded: 0,
      });
    });
    cdp.on('Network.dataReceived', ({ requestId, dataLength }) => {
      const r = requests.get(requestId);
      if (r) r.decoded += dataLength;
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const r = requests.get(requestId);
      if (r) r.bytes = encodedDataLength;
    });
    await page.goto(server.url + pagePath, { waitUntil: 'networkidle' });
    if (type) await type(page);
    await page.waitForLoadState('networkidle');
    const resources = [...requests.values()];
    const total = resources.reduce((sum, r) => sum + r.bytes, 0);
    const decoded = resources.reduce((sum, r) => sum + r.decoded, 0);
    return { total, decoded, resources };
  } finally {
    await context.close();
  }
}

describe('page weight', () => {
  test('hub page with its CSS is under 60 KB, in two requests', async () => {
    const hub = await measure(pages.hub);
    weights.hub = hub;
    const kinds = hub.resources.map((r) => r.type).sort();
    assert.deepEqual(kinds, ['Document', 'Stylesheet'], `hub loads only its HTML and one CSS file: ${hub.resources.map((r) => r.url)}`);
    for (const r of hub.resources) {
      assert.equal(r.status, 200, r.url);
      assert.ok(r.bytes > 500, `${r.url}: ${r.bytes} bytes counted`);
    }
    assert.ok(hub.total < budget, `hub weighs ${hub.total} bytes`);
    // Even a client that takes no compression stays under the budget.
    assert.ok(hub.decoded < budget, `hub is ${hub.decoded} bytes uncompressed`);
  });

  test('article page with its CSS is under 60 KB', async () => {
    const article = await measure(pages.article);
    weights.article = article;
    assert.deepEqual(article.resources.map((r) => r.type).sort(), ['Document', 'Stylesheet']);
    assert.ok(article.total < budget, `article weighs ${article.total} bytes`);
  });

  test('search page with its CSS, script and a search as you type is under 60 KB', async () => {
    const search = await measure('search/', {
      type: async (page) => {
        await page.locator('#search-q').pressSequentially('charley horse', { delay: 40 });
        await page.locator('#search-results .result').first().waitFor();
      },
    });
    weights.search = search;
    const kinds = new Set(search.resources.map((r) => r.type));
    assert.ok(kinds.has('Script') && kinds.has('Fetch'), `search loads its script and asks the API: ${[...kinds]}`);
    assert.ok(search.total < budget, `search weighs ${search.total} bytes`);
  });
});
