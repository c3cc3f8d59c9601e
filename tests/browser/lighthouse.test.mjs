// Lighthouse (mobile profile, default throttling) scores at least 95 in
// performance, accessibility, best practices and SEO for a hub page and an
// article. The JSON reports are kept in artifacts/ (see lighthouse.mjs).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { auditPages, categories, formatScores, minimumScore } from './lighthouse.mjs';
import { startServer } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('Lighthouse scores >= 95 on a hub page and an article (mobile)', { timeout: 300_000 }, async () => {
  const results = await auditPages(server.url);
  console.log(formatScores(results));
  assert.equal(results.length, 2);
  for (const r of results) {
    assert.ok(existsSync(r.file), `report ${r.file} written`);
    assert.equal(r.formFactor, 'mobile', 'mobile profile');
    assert.equal(r.throttlingMethod, 'simulate', 'default (simulated) throttling');
    for (const c of categories) {
      assert.equal(typeof r.scores[c], 'number', `${r.name}: no ${c} score (${r.runWarnings?.join('; ')})`);
      assert.ok(r.scores[c] >= minimumScore,
        `${r.name} ${c} scored ${Math.round(r.scores[c] * 100)}; audits below 0.9: ${r.failing.join('; ')}`);
    }
  }
});
