/**
 * What the playground's browser tests, benchmark and screenshot script
 * share: build the site (vite, one HTML file), serve it from 127.0.0.1
 * (optionally with a Content-Security-Policy header), and launch Debian's
 * Chromium through playwright-core with a fresh profile.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** The repository: the nearest folder above this file with playground/ (this file also runs compiled from dist/). */
function findRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'playground/vite.config.ts'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (playground/vite.config.ts)');
    dir = up;
  }
  return dir;
}
export const ROOT = findRoot();
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Fail (never skip) without Chromium: CI installs it in .ci/run. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the playground's browser tests need Debian's chromium ` +
        '(`apt-get install -y chromium`, as .ci/run does) or CHROMIUM=/path/to/chromium.',
    );
  }
}

/** Build the playground into a fresh directory; returns the path of its index.html. */
export function buildSite(outDir = mkdtempSync(join(tmpdir(), 'langevin-web-'))): string {
  execFileSync(
    join(ROOT, 'node_modules/.bin/vite'),
    ['build', 'playground', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) throw new Error(`vite build wrote no ${index}`);
  return index;
}

/** A policy without 'unsafe-eval': f64's generated code cannot run, so the page must fall back to tfjs. */
export const STRICT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'";

export interface Site {
  url: string;
  close(): Promise<void>;
}

/** Serve index.html at / ; `/?csp=strict` (any path with csp=strict) adds STRICT_CSP. */
export async function serveSite(index: string): Promise<Site> {
  const html = readFileSync(index);
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/' && url.pathname !== '/index.html') {
      response.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
    if (url.searchParams.get('csp') === 'strict') headers['content-security-policy'] = STRICT_CSP;
    response.writeHead(200, headers).end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) };
}

/** Chromium with a fresh profile (playwright takes --user-data-dir as launchPersistentContext's argument). */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'langevin-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
