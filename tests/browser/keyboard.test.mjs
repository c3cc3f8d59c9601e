// Keyboard only: a skip link comes first and works, Tab reaches every link
// and control in document order, and whatever has focus is visibly marked
// and on screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, viewports } from './lib/browser.mjs';
import { expectedTabStops } from './lib/checks.mjs';
import { pages } from './lib/pages.mjs';
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

const focusLook = () => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    id: el.dataset?.tabStop ?? null,
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || '').trim().slice(0, 40),
    outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
    outlineVisible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && !/rgba\(.*, 0\)$|transparent/.test(s.outlineColor),
    boxShadow: s.boxShadow,
    background: s.backgroundColor,
    onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
  };
};

async function restingLooks(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-tab-stop]')].map((el) => {
    const s = getComputedStyle(el);
    return [el.dataset.tabStop, { boxShadow: s.boxShadow, background: s.backgroundColor }];
  })));
}

async function walkTabOrder(page) {
  const expected = await expectedTabStops(page);
  const resting = await restingLooks(page);
  assert.ok(expected.length > 3, 'page has links to walk through');
  const reached = [];
  for (let i = 0; i < expected.length; i++) {
    await page.keyboard.press('Tab');
    const look = await page.evaluate(focusLook);
    reached.push(look);
    assert.equal(look.id, expected[i].id,
      `Tab #${i + 1} should reach "${expected[i].label}" but reached <${look.tag}> "${look.text}"`);
    const rest = resting[look.id];
    const marked = look.outlineVisible || (look.boxShadow !== 'none' && look.boxShadow !== rest.boxShadow) || look.background !== rest.background;
    assert.ok(marked, `focus on "${expected[i].label}" is not visible (outline ${look.outline}, shadow ${look.boxShadow})`);
    assert.ok(look.onScreen, `focused "${expected[i].label}" is off screen`);
  }
  return { expected, reached };
}

describe('keyboard', () => {
  for (const [name, pagePath] of Object.entries(pages)) {
    test(`${name}: every link and control is reached in order, with visible focus`, async () => {
      const context = await browser.newContext(viewports.desktop);
      try {
        const page = await context.newPage();
        await page.goto(server.url + pagePath);
        const { expected } = await walkTabOrder(page);
        assert.match(expected[0].label, /Skip to main content/, 'the skip link is the first tab stop');
      } finally {
        await context.close();
      }
    });
  }

  test('hub on a phone: the same, with the concept map left out of the tab order', async () => {
    const context = await browser.newContext(viewports.phone);
    try {
      const page = await context.newPage();
      await page.goto(server.url + pages.hub);
      const { expected } = await walkTabOrder(page);
      assert.ok(expected.some((s) => /quinine/i.test(s.label)), 'topic links in the text lists are tab stops');
      assert.equal(await page.locator('svg a[tabindex="-1"]').count() > 0, true, 'map links are out of the tab order');
    } finally {
      await context.close();
    }
  });

  test('skip link appears on focus and moves keyboard focus into the main content', async () => {
    const context = await browser.newContext(viewports.desktop);
    try {
      const page = await context.newPage();
      await page.goto(server.url + pages.article);
      const skip = page.locator('.skip-link');
      const hidden = await skip.boundingBox();
      assert.ok(hidden.x + hidden.width <= 0, 'skip link is off screen until focused');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
      const shown = await skip.boundingBox();
      assert.ok(shown.x >= 0 && shown.y >= 0 && shown.width > 50, 'focused skip link is on screen');
      await page.keyboard.press('Enter');
      assert.match(page.url(), /#main$/);
      await page.keyboard.press('Tab');
      const inMain = await page.evaluate(() => {
        const el = document.activeElement;
        return { inMain: el.closest('main') !== null, text: el.textContent.trim() };
      });
      assert.ok(inMain.inMain, `after the skip link, Tab went to "${inMain.text}" outside main`);
      assert.equal(inMain.text, 'Home', 'first stop in main is the breadcrumb');
    } finally {
      await context.close();
    }
  });

  test('search works from the keyboard alone', async () => {
    const context = await browser.newContext(viewports.desktop);
    try {
      const page = await context.newPage();
      await page.goto(server.url + 'search/');
      // skip link, site title, 3 nav links, then the search box
      for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q');
      await page.keyboard.type('quinine');
      await page.locator('#search-results .result').first().waitFor();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Search', 'the button follows the box');
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => document.activeElement.closest('.result') !== null);
      assert.ok(first, 'results come next in the tab order');
      await Promise.all([page.waitForURL(/\/(articles|topics)\//), page.keyboard.press('Enter')]);
    } finally {
      await context.close();
    }
  });
});
