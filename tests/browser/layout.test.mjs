// Looks right: nothing scrolls sideways on a 360 px screen, no text under
// 16 px, the concept map is readable and has a text alternative, and an
// article prints cleanly (no navigation, links followed by their address).
// Writes artifacts/article-print.pdf.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { artifactsDir, launchBrowser, viewports } from './lib/browser.mjs';
import { contrastRatio, horizontalScrolling, smallText } from './lib/checks.mjs';
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

const narrow = { ...viewports.phone, viewport: { width: 360, height: 740 } };

test('the stylesheet parses: the browser keeps every rule of style.css', async () => {
  const css = await (await fetch(server.url + 'style.css')).text();
  const page = await browser.newPage();
  try {
    const result = await page.evaluate((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      const kept = new Set();
      const walk = (rules) => {
        for (const rule of rules) {
          if (rule.selectorText) kept.add(rule.selectorText);
          if (rule.cssRules) walk(rule.cssRules);
        }
      };
      walk(sheet.cssRules);
      const norm = (s) => s.trim().replace(/\s+/g, ' ').replace(/\s*,\s*/g, ', ').replace(/\s*([>+])\s*/g, ' $1 ');
      const keptNorm = new Set([...kept].map(norm));
      // Every selector written in the file (the text before each "{" that is not an at-rule).
      const written = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{};]+)\{/g)]
        .map((m) => norm(m[1])).filter((s) => !s.startsWith('@'));
      return { written: written.length, dropped: written.filter((s) => !keptNorm.has(s)) };
    }, css);
    assert.ok(result.written > 50, `only ${result.written} rules found in style.css`);
    assert.deepEqual(result.dropped, [], 'rules the browser dropped (a syntax error before them?)');
  } finally {
    await page.close();
  }
});

describe('layout at 360 px', () => {
  for (const [name, pagePath] of Object.entries(pages)) {
    test(`${name}: no horizontal scrolling`, async () => {
      const context = await browser.newContext(narrow);
      try {
        const page = await context.newPage();
        await page.goto(server.url + pagePath);
        const h = await horizontalScrolling(page);
        assert.equal(h.innerWidth, 360);
        assert.ok(h.scrollWidth <= 360, `page is ${h.scrollWidth} px wide: ${h.sticking.join(', ')}`);
        assert.deepEqual(h.sticking, [], 'nothing sticks out of the screen');
        assert.deepEqual(h.inner, [], 'no region scrolls sideways');
      } finally {
        await context.close();
      }
    });
  }
});

describe('text size', () => {
  for (const [size, options] of Object.entries(viewports)) {
    for (const [name, pagePath] of Object.entries(pages)) {
      test(`${name} at ${size} width: all text at least 16 px`, async () => {
        const context = await browser.newContext(options);
        try {
          const page = await context.newPage();
          await page.goto(server.url + pagePath);
          const { checked, found } = await smallText(page, 16);
          assert.ok(checked > 5, `only ${checked} pieces of text checked`);
          assert.deepEqual(found, [], 'text smaller than 16 px');
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('concept map', () => {
  test('on a desktop it is drawn, readable, in contrast, and its links are also given as text', async () => {
    const context = await browser.newContext(viewports.desktop);
    try {
      const page = await context.newPage();
      await page.goto(server.url + pages.hub);
      const map = page.locator('svg.concept-map');
      assert.ok(await map.isVisible(), 'map is shown on a desktop');
      const info = await page.evaluate(() => {
        const svg = document.querySelector('svg.concept-map');
        const title = svg.querySelector('title')?.textContent.trim() ?? '';
        const desc = svg.querySelector('desc')?.textContent.trim() ?? '';
        const mapLinks = [...svg.querySelectorAll('a')].map((a) => a.getAttribute('href'));
        const listLinks = [...document.querySelectorAll('.connections .related a')].map((a) => a.getAttribute('href'));
        const pairs = [...svg.querySelectorAll('text')].map((t) => {
          let rect = t.previousElementSibling;
          while (rect && rect.tagName !== 'rect') rect = rect.previousElementSibling;
          return { text: t.textContent, fg: getComputedStyle(t).fill, bg: rect ? getComputedStyle(rect).fill : null };
        });
        const hiddenFromAT = svg.closest('[aria-hidden="true"]') !== null;
        const caption = svg.closest('figure').querySelector('figcaption')?.textContent ?? '';
        return { title, desc, mapLinks, listLinks, pairs, hiddenFromAT, caption };
      });
      assert.match(info.title, /Concept map of leg cramps at night/);
      assert.ok(info.desc.length > 50, 'the drawing describes itself');
      assert.ok(info.mapLinks.length >= 5);
      for (const href of info.mapLinks)
        assert.ok(info.listLinks.includes(href), `map link ${href} is missing from the text lists`);
      assert.ok(info.hiddenFromAT, 'screen readers get the lists, not the drawing');
      assert.match(info.caption, /lists below give the same links as text/);
      for (const { text, fg, bg } of info.pairs) {
        assert.ok(bg, `no box behind "${text}"`);
        const ratio = contrastRatio(fg, bg);
        assert.ok(ratio >= 4.5, `"${text}" has contrast ${ratio.toFixed(2)} (${fg} on ${bg})`);
      }
    } finally {
      await context.close();
    }
  });

  test('on a phone the lists stand in for it', async () => {
    const context = await browser.newContext(viewports.phone);
    try {
      const page = await context.newPage();
      await page.goto(server.url + pages.hub);
      assert.equal(await page.locator('svg.concept-map').isVisible(), false, 'map too small to read is not shown');
      assert.ok(await page.locator('.connections .related a', { hasText: 'restless legs syndrome' }).first().isVisible());
    } finally {
      await context.close();
    }
  });
});

describe('print', () => {
  test('an article prints without navigation and with link addresses', async () => {
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
    try {
      const page = await context.newPage();
      await page.goto(server.url + pages.article);
      await page.emulateMedia({ media: 'print' });
      const report = await page.evaluate(() => {
        const shown = (el) => el.checkVisibility({ checkVisibilityCSS: true });
        const visibleNav = [...document.querySelectorAll('nav, .site-header, .skip-link, .breadcrumbs, .related-articles, .article-topics')]
          .filter(shown).map((el) => el.outerHTML.slice(0, 60));
        const links = [...document.querySelectorAll('main a[href]')].filter(shown).map((a) => ({
          href: a.getAttribute('href'),
          after: getComputedStyle(a, '::after').content,
        }));
        const external = links.filter((l) => /^https?:/.test(l.href));
        return {
          visibleNav,
          links,
          external: external.length,
          title: shown(document.querySelector('h1')),
          body: shown(document.querySelector('.article .body')),
          disclaimer: shown(document.querySelector('.site-footer p:last-child')),
          printedFrom: [...document.querySelectorAll('.print-only')].filter(shown).map((p) => p.textContent),
          wide: document.documentElement.scrollWidth - innerWidth,
        };
      });
      assert.deepEqual(report.visibleNav, [], 'navigation is hidden in print');
      assert.ok(report.title && report.body, 'the title and body print');
      assert.ok(report.disclaimer, 'the medical disclaimer prints');
      assert.ok(report.external >= 1, 'the article has external links to check');
      assert.ok(report.links.length > 0);
      for (const link of report.links)
        assert.equal(link.after, `" (${link.href})"`, `link to ${link.href} prints its address`);
      assert.equal(report.printedFrom.length, 1);
      assert.match(report.printedFrom[0], /Printed from http:\/\/127\.0\.0\.1:\d+\/articles\/quick-relief-during-a-cramp\//);
      assert.ok(report.wide <= 0, 'nothing is wider than the page');

      const pdf = await page.pdf({ format: 'A4', printBackground: false });
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      writeFileSync(path.join(artifactsDir, 'article-print.pdf'), pdf);
      assert.ok(readFileSync(path.join(artifactsDir, 'article-print.pdf')).length > 10000);
    } finally {
      await context.close();
    }
  });
});
