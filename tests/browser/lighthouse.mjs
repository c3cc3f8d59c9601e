// Lighthouse audits (mobile profile, default settings) of a hub page and an
// article, run against `topichub serve` with Debian's Chromium.
//
//   node lighthouse.mjs            starts the example site, audits, prints the
//                                  scores and exits 1 if any is below 0.95
//
// The test suite imports auditPages() (see lighthouse.test.mjs). Each full
// report is kept as JSON in artifacts/lighthouse-<name>.json, and a summary
// of the scores in artifacts/lighthouse-summary.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { artifactsDir, chromeFlags, chromePath } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

export const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
export const minimumScore = 0.95;
export const auditedPages = [
  { name: 'hub', path: 'topics/leg-cramps-at-night/' },
  { name: 'article', path: 'articles/quick-relief-during-a-cramp/' },
];

async function auditOne(url) {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'topichub-lighthouse-'));
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags,
    userDataDir,
    logLevel: 'silent',
  });
  try {
    // No config: Lighthouse's defaults, i.e. the mobile profile with
    // simulated throttling (slow 4G, 4x CPU slowdown, Moto G Power screen).
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: categories,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    return result;
  } finally {
    await chrome.kill();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/** Audits each page of `pages` under `baseUrl`; returns [{name, url, scores, report, formFactor}]. */
export async function auditPages(baseUrl, pages = auditedPages) {
  const results = [];
  for (const page of pages) {
    const url = new URL(page.path, baseUrl).href;
    const { lhr, report } = await auditOne(url);
    const file = path.join(artifactsDir, `lighthouse-${page.name}.json`);
    writeFileSync(file, report);
    const scores = Object.fromEntries(categories.map((c) => [c, lhr.categories[c]?.score ?? null]));
    const failing = Object.values(lhr.audits)
      .filter((a) => a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'informative'
        && a.scoreDisplayMode !== 'manual' && typeof a.score === 'number' && a.score < 0.9)
      .map((a) => `${a.id} (${a.score}${a.displayValue ? `, ${a.displayValue}` : ''})`);
    const metrics = Object.fromEntries(
      ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
        .map((id) => [id, lhr.audits[id]?.numericValue ?? null]));
    results.push({
      name: page.name, url, file, scores, failing, metrics,
      formFactor: lhr.configSettings.formFactor,
      throttlingMethod: lhr.configSettings.throttlingMethod,
      lighthouseVersion: lhr.lighthouseVersion,
      userAgent: lhr.environment?.hostUserAgent,
      runWarnings: lhr.runWarnings,
    });
  }
  writeFileSync(path.join(artifactsDir, 'lighthouse-summary.json'),
    JSON.stringify(results.map(({ name, url, scores, metrics, failing, formFactor, lighthouseVersion }) =>
      ({ name, url, scores, metrics, failing, formFactor, lighthouseVersion })), null, 2) + '\n');
  return results;
}

export function formatScores(results) {
  return results.map((r) => `${r.name.padEnd(8)} ${categories.map((c) => `${c} ${Math.round((r.scores[c] ?? 0) * 100)}`).join('  ')}`
    + (r.failing.length ? `\n         below 0.9: ${r.failing.join('; ')}` : '')).join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startServer();
  let ok = false;
  try {
    const results = await auditPages(server.url);
    console.log(formatScores(results));
    console.log(`reports: ${artifactsDir}/lighthouse-*.json`);
    ok = results.every((r) => categories.every((c) => (r.scores[c] ?? 0) >= minimumScore));
  } finally {
    await server.stop();
  }
  process.exit(ok ? 0 : 1);
}
