// Launches Debian's Chromium through playwright-core (no browser download).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
export const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(artifactsDir, { recursive: true });

// Flags for running as root on a machine without a network. The profile is
// always fresh: playwright gives every launch a new temporary --user-data-dir
// (and chrome-launcher does the same for Lighthouse).
export const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: chromePath, headless: true, args: chromeFlags });
}

export const viewports = {
  phone: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
};
