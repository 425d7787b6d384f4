import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPreviewServer, type PreviewServer } from '../../../scripts/preview';
import { decodePng } from '../../png-image';
import { auditPage } from './page-audit';
import { launchChromium } from '../../helpers/chromium';

/**
 * The project page of the README's shared desk DESK (preview with `sharedDesk`): a contract picker
 * listing the clients the rules reach, each client's statement alone, and the provider's "Not covered"
 * view — in the light and dark themes, wide and at 400 px, with no sideways scroll and contrast ≥ 4.5:1.
 */
const REFERENCE = join(__dirname, 'reference');
const THEMES = ['light', 'dark'] as const;
const WIDTHS = [1280, 400] as const;
const ALFA = 'ООО «Альфа»';
const BETA = 'АО «Бета Логистика»';

jest.setTimeout(180_000);

let preview: PreviewServer;
let browser: Browser;

beforeAll(async () => {
  preview = await startPreviewServer({ port: 0, sharedDesk: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

async function open(theme: string, width: number): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(`${preview.url}/project-report/?project=DESK&lang=en&theme=${theme}`);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
  await settled(page);
  return { page, consoleErrors };
}

/** Colours are audited once they settle: a button's background eases in after the theme is applied. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
}

async function expectReadable(page: Page, theme: string): Promise<void> {
  const audit = await page.evaluate(auditPage);
  expect(audit.colorMode).toBe(theme);
  expect(audit.scrollWidth).toBeLessThanOrEqual(audit.clientWidth);
  expect(audit.texts).toBeGreaterThan(5);
  expect(audit.lowContrast).toEqual([]);
}

async function screenshot(page: Page, name: string, theme: string, width: number): Promise<void> {
  const shot = await page.screenshot({
    fullPage: false,
    scale: 'css',
    clip: { x: 0, y: 0, width, height: width === 400 ? 900 : 700 },
  });
  const corner = decodePng(shot).rgba.slice(0, 3);
  const brightness = (corner[0] + corner[1] + corner[2]) / 3;
  expect(theme === 'dark' ? brightness < 80 : brightness > 200).toBe(true);
  writeFileSync(join(REFERENCE, `${name}-${theme}-${width}.png`), shot);
}

for (const theme of THEMES)
  for (const width of WIDTHS)
    it(`shared desk in the ${theme} theme at ${width} px: picks a client's statement, then the not-covered view`, async () => {
      const { page, consoleErrors } = await open(theme, width);
      try {
        // The picker lists the clients the rules reach; the first is shown.
        expect(await page.textContent('.contract__single-value')).toBe(ALFA);
        await page.click('.contract__control');
        expect(await page.locator('.contract__option').allTextContents()).toEqual([ALFA, BETA]);
        await page.click(`.contract__option >> text="${BETA}"`);
        await page.waitForFunction(
          (name) =>
            document.body.dataset.state === 'ready' &&
            (document.querySelector('#title')?.textContent ?? '').endsWith(name),
          BETA,
        );
        await settled(page);
        const statement = (await page.textContent('#statement')) ?? '';
        expect(statement).toContain('DESK-2');
        // Beta also has its own project: the statement is Beta's whole month, over both projects.
        expect(statement).toMatch(/BETA-\d+/);
        expect(await page.textContent('#title')).toBe(`SLA and hours · DESK + BETA · ${BETA}`);
        // Beta's statement: no other client's request, and not the one no contract covers.
        for (const other of ['DESK-1', 'DESK-3', 'DESK-4', 'Омега']) expect(statement).not.toContain(other);
        await expectReadable(page, theme);
        await screenshot(page, 'project-report-shared', theme, width);

        await page.click('[data-testid="not-covered"]');
        await page.waitForSelector('body[data-state="ready"][data-view="not_covered"]');
        await settled(page);
        const list = (await page.textContent('#statement')) ?? '';
        expect(list).toContain('Requests no contract covers · 2026-11');
        expect(list).toContain('DESK-4');
        expect(list).toContain('organizations "ООО «Омега»"');
        expect(list).not.toContain('DESK-2');
        expect(await page.getAttribute('#statement a.issue-key', 'href')).toBe('/browse/DESK-4');
        expect(await page.locator('.contract__control').count()).toBe(0);
        expect(await page.locator('[data-testid="export-csv"]').count()).toBe(0);
        await expectReadable(page, theme);
        await screenshot(page, 'project-report-not-covered', theme, width);

        // Back to the statement: the client picked before is kept.
        await page.click('[data-testid="not-covered"]');
        await page.waitForSelector('body[data-state="ready"][data-view="statement"]');
        expect(await page.textContent('.contract__single-value')).toBe(BETA);
        expect(consoleErrors).toEqual([]);
      } finally {
        await page.close();
      }
    });
