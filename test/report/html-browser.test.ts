import { existsSync } from 'node:fs';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeReports } from '../../harness/report/write-reports.js';
import { loadFixtures } from './fixture-results.js';

// Debian's chromium; CI installs it (.ci/run), so there the test must run, never skip.
const chromiumPath = '/usr/bin/chromium';
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';
const skipReason = 'skipped: /usr/bin/chromium is not installed (apt-get install -y chromium) and CI is not set';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface PageWatch {
  readonly page: Page;
  readonly problems: string[]; // console errors and warnings, page errors, dialogs
  readonly requests: string[]; // every request the page tried, file:// included
}

describe.skipIf(!existsSync(chromiumPath) && !inCi)(
  `HTML report in headless Chromium${existsSync(chromiumPath) || inCi ? '' : ` (${skipReason})`}`,
  () => {
    let browser: Browser;
    let outDir: string;
    let shotDir: string;

    beforeAll(async () => {
      const { results, summary } = await loadFixtures();
      outDir = await mkdtemp(join(tmpdir(), 'sockgrade-html-'));
      shotDir = await mkdtemp(join(tmpdir(), 'sockgrade-screenshots-'));
      await writeReports(outDir, results, summary, ['html']);
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    });

    afterAll(async () => {
      await browser?.close();
      console.log(`HTML report screenshots: ${shotDir}`);
    });

    async function openPage(relativePath: string): Promise<PageWatch> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`console ${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        requests.push(url);
        return url.startsWith('file://') ? route.continue() : route.abort();
      });
      await page.goto(pathToFileURL(join(outDir, relativePath)).href);
      return { page, problems, requests };
    }

    function expectOffline(watch: PageWatch): void {
      expect(
        watch.requests.some((url) => url.startsWith('file://')),
        'route interception saw the page itself',
      ).toBe(true);
      expect(watch.requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
      expect(watch.problems).toEqual([]);
    }

    async function readColumn(page: Page, column: number): Promise<string[]> {
      return page.locator(`#submissions tbody tr td:nth-child(${column})`).allTextContents();
    }

    test('the class page shows the histogram and the pass-rate chart, and sorts by score on click', async () => {
      const watch = await openPage('index.html');
      const { page } = watch;
      await expect.poll(() => page.locator('svg[data-chart="histogram"]').isVisible()).toBe(true);
      expect(await page.locator('svg[data-chart="pass-rate"]').isVisible()).toBe(true);
      expect(await page.locator('svg[data-chart="histogram"] rect.bar').count()).toBe(10);
      expect(await page.locator('svg[data-chart="pass-rate"] g.criterion').count()).toBe(7);
      const box = await page.locator('svg[data-chart="histogram"]').boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);

      const score = page.locator('#submissions thead th', { hasText: 'Score' }).locator('button');
      await score.click();
      expect(await readColumn(page, 1)).toEqual(['alice-full', 'dave-late', 'bob-partial', 'mallory-hostile']);
      expect(await page.locator('#submissions thead th', { hasText: 'Score' }).getAttribute('aria-sort')).toBe(
        'descending',
      );
      await score.click();
      expect(await readColumn(page, 1)).toEqual(['mallory-hostile', 'bob-partial', 'dave-late', 'alice-full']);
      await page.locator('#submissions thead th', { hasText: 'Submission' }).locator('button').click();
      expect(await readColumn(page, 1)).toEqual(['alice-full', 'bob-partial', 'dave-late', 'mallory-hostile']);

      await page.screenshot({ path: join(shotDir, 'class.png'), fullPage: true });
      expectOffline(watch);
    });

    test('a submission page, reached by its link, shows the sequence diagram of the wire', async () => {
      const watch = await openPage('index.html');
      const { page } = watch;
      await page.getByRole('link', { name: 'bob-partial' }).click();
      await page.waitForURL(/bob-partial\/index\.html$/);
      const diagram = page.locator('#criterion-M2 svg[data-chart="sequence"]');
      expect(await diagram.isVisible()).toBe(true);
      expect(await diagram.locator('g.message').count()).toBe(7);
      expect(await diagram.locator('g.message.fault').count()).toBe(1);
      expect(await page.locator('#criterion-M2 .replay code').textContent()).toBe(
        'sockgrade grade submissions/2024-udp/bob-partial --rubric rubrics/udp-chat.yaml --seed a3f9c2e1 --only M2 --out reports-replay/bob-partial',
      );
      await page.screenshot({ path: join(shotDir, 'submission.png'), fullPage: true });
      await diagram.screenshot({ path: join(shotDir, 'sequence.png') });
      expectOffline(watch);
    });

    test('hostile transcripts render as text: no script runs, no dialog opens, nothing is fetched', async () => {
      const watch = await openPage('mallory-hostile/index.html');
      const { page } = watch;
      expect(await page.locator('script, iframe, img').count()).toBe(0);
      await expect
        .poll(() => page.locator('#criterion-M1 pre.transcript').textContent())
        .toContain('<script>alert(document.cookie)</script>');
      expect(await page.locator('#criterion-M1 svg[data-chart="sequence"] g.message.fault').count()).toBe(4);
      expect(await page.locator('#criterion-M1 svg[data-chart="sequence"] .drop-mark').count()).toBe(1);
      await page.screenshot({ path: join(shotDir, 'hostile.png'), fullPage: true });
      expectOffline(watch);
    });

    test('screenshots were saved', async () => {
      for (const name of ['class.png', 'submission.png', 'sequence.png', 'hostile.png']) {
        expect((await stat(join(shotDir, name))).size, name).toBeGreaterThan(10_000);
      }
    });
  },
);
