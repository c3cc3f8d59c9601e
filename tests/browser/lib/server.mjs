// Starts `build/topichub serve examples/leg-cramps` on a free loopback port,
// waits until it answers, and stops it again (also when a test fails or the
// process is interrupted).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const binary = process.env.TOPICHUB_BIN || path.join(repoRoot, 'build', 'topichub');
// TOPICHUB_SITE points the suite at another copy of the site, e.g. one with a
// theme override in SITE/templates/ to try a change without rebuilding.
export const exampleSite = process.env.TOPICHUB_SITE || path.join(repoRoot, 'examples', 'leg-cramps');

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null || /spawn failed/.test(output()))
      throw new Error(`topichub serve exited early (${child.exitCode ?? child.signalCode}):\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`topichub serve did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}

const running = new Set();
function killAll() { for (const child of running) child.kill('SIGKILL'); }
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => { killAll(); process.exit(128 + (signal === 'SIGINT' ? 2 : 15)); });
}

/** Starts the server; resolves to { url, port, stop() }. `url` ends with "/". */
export async function startServer({ site = exampleSite, timeoutMs = 20000 } = {}) {
  if (!existsSync(binary))
    throw new Error(`${binary} is missing: build it first (bash scripts/build.sh)`);
  const port = await freePort();
  const child = spawn(binary, ['serve', site, '--host', '127.0.0.1', '--port', String(port), '--no-live-reload'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  child.on('error', (error) => { log += `\nspawn failed: ${error.message}`; });
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
  try {
    await waitUntilUp(url, child, () => log, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop, log: () => log };
}
