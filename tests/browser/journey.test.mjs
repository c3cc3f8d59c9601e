// A reader's walk through the example site: home -> a hub -> an article ->
// search, on a phone-sized and a desktop-sized screen. Saves screenshots of
// the hub page to artifacts/hub-phone.png and artifacts/hub-desktop.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { artifactsDir, launchBrowser, viewports } from './lib/browser.mjs';
import { horizontalScrolling } from './lib/checks.mjs';
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

function pngSize(file) {
  const data = readFileSync(file);
  assert.equal(data.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

async function assertFits(page, where) {
  const h = await horizontalScrolling(page);
  assert.ok(h.scrollWidth <= h.innerWidth, `${where}: page scrolls sideways (${h.scrollWidth} > ${h.innerWidth}): ${h.sticking.join(', ')}`);
  assert.deepEqual(h.inner, [], `${where}: a region scrolls sideways`);
}

for (const [size, options] of Object.entries(viewports)) {
  describe(`reader's journey on a ${size}`, () => {
    test('home -> hub -> article -> search', async () => {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
      page.on('response', (response) => { if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`); });
      try {
        // Home
        const home = await page.goto(server.url);
        assert.equal(home.status(), 200);
        assert.equal(await page.locator('h1').innerText(), 'Night Cramps Clinic');
        await assertFits(page, 'home');

        // -> the hub, by its link in the topic grid
        await page.locator('.topic-grid a', { hasText: 'Leg cramps at night' }).click();
        await page.waitForURL('**/topics/leg-cramps-at-night/');
        assert.equal(await page.locator('h1').innerText(), 'Leg cramps at night: why they happen and how to stop them');
        assert.ok(await page.locator('#practical-steps').isVisible(), 'hub shows its practical steps');
        assert.ok(await page.locator('.collection .card').count() >= 10, 'hub lists its articles');
        await assertFits(page, 'hub');
        const shot = path.join(artifactsDir, `hub-${size}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        const { width } = pngSize(shot);
        assert.equal(width, options.viewport.width * options.deviceScaleFactor, 'screenshot is as wide as the screen');

        // -> an article, from the hub's collection
        const card = page.locator('.collection .card a').first();
        const title = (await card.innerText()).trim();
        await card.click();
        await page.waitForURL('**/articles/**');
        assert.equal((await page.locator('h1').innerText()).trim(), title);
        const crumbs = page.locator('.breadcrumbs a');
        assert.ok(await crumbs.filter({ hasText: 'leg cramps at night' }).count() >= 1, 'article breadcrumb leads back to its hub');
        assert.ok(await page.locator('.article .body p').count() > 3, 'article has its body');
        await assertFits(page, 'article');

        // -> search, from the header; results arrive as you type
        await page.locator('.site-header nav a', { hasText: 'Search' }).click();
        await page.waitForURL('**/search/');
        const box = page.getByLabel('Search for a condition, symptom or question');
        await box.pressSequentially('charley horse', { delay: 40 });
        const firstResult = page.locator('#search-results .result a').first();
        await firstResult.waitFor();
        assert.match(await firstResult.innerText(), /cramp/i);
        await assertFits(page, 'search as you type');

        // ... and the form submits to the server-rendered results page
        await box.press('Enter');
        await page.waitForURL(/\/search\/\?q=charley\+horse$/);
        assert.match(await page.locator('#search-results .lead').innerText(), /results? for “charley horse”/);
        await assertFits(page, 'search results');

        // ... whose first result is the hub
        await page.locator('#search-results .result a').first().click();
        await page.waitForURL('**/topics/leg-cramps-at-night/');

        assert.deepEqual(problems, [], 'no errors, failed requests or console errors on the way');
      } finally {
        await context.close();
      }
    });
  });
}
