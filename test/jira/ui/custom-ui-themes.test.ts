import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPreviewServer, type PreviewServer } from '../../../scripts/preview';
import { decodePng } from '../../png-image';
import { auditPage } from './page-audit';
import tokenNames from '@atlaskit/tokens/token-names';
import { launchChromium } from '../../helpers/chromium';

/** Small reference screenshots kept in the repository, one per page, theme and width. */
const REFERENCE = join(__dirname, 'reference');
/** Each page (`dir`: its folder under static/) in the state a screenshot keeps. */
const PAGES = [
  { name: 'project-report', dir: 'project-report', path: '/project-report/?project=DELTA&lang=en' },
  { name: 'admin-page', dir: 'admin-page', path: '/admin-page/?lang=ru' },
  { name: 'dashboard-gadget', dir: 'dashboard-gadget', path: '/dashboard-gadget/?lang=ru' },
  { name: 'dashboard-gadget-edit', dir: 'dashboard-gadget', path: '/dashboard-gadget/?lang=en&mode=edit' },
] as const;
const THEMES = ['light', 'dark'] as const;
const WIDTHS = [1280, 400] as const;

jest.setTimeout(180_000);

describe('Custom UI pages in Jira’s light and dark themes, wide and at 400 px (preview, headless Chromium)', () => {
  let preview: PreviewServer;
  let browser: Browser;

  beforeAll(async () => {
    preview = await startPreviewServer({ port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  async function open(path: string, theme: string, width: number): Promise<{ page: Page; consoleErrors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${preview.url}${path}&theme=${theme}`);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
    // Colours are audited once they settle: a button's background eases in after the theme is applied.
    await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
    return { page, consoleErrors };
  }

  for (const target of PAGES) {
    for (const theme of THEMES) {
      for (const width of WIDTHS) {
        it(`${target.name} in the ${theme} theme at ${width} px: no sideways scroll, contrast ≥ 4.5:1, no console errors`, async () => {
          const { page, consoleErrors } = await open(target.path, theme, width);
          try {
            const audit = await page.evaluate(auditPage);
            expect(audit.colorMode).toBe(theme);
            expect(audit.scrollWidth).toBeLessThanOrEqual(audit.clientWidth);
            expect(audit.texts).toBeGreaterThan(5);
            expect(audit.lowContrast).toEqual([]);
            expect(consoleErrors).toEqual([]);
            const shot = await page.screenshot({
              fullPage: false,
              scale: 'css',
              clip: { x: 0, y: 0, width, height: width === 400 ? 900 : 700 },
            });
            const image = decodePng(shot);
            // The dark theme paints a dark page, the light one a light page.
            const corner = image.rgba.slice(0, 3);
            const brightness = (corner[0] + corner[1] + corner[2]) / 3;
            expect(theme === 'dark' ? brightness < 80 : brightness > 200).toBe(true);
            writeFileSync(join(REFERENCE, `${target.name}-${theme}-${width}.png`), shot);
          } finally {
            await page.close();
          }
        });
      }
    }
  }

  it('links issue keys in the report to the issue', async () => {
    const { page } = await open('/project-report/?project=DELTA&lang=en', 'light', 1280);
    try {
      const link = page.locator('#statement a.issue-key').first();
      const key = await link.textContent();
      expect(key).toMatch(/^DELTA-\d+$/);
      expect(await link.getAttribute('href')).toBe(`/browse/${key}`);
      await link.click();
      await page.waitForSelector(`body[data-navigated-to="/browse/${key}"]`);
    } finally {
      await page.close();
    }
  });

  /** Picks an option of an Atlaskit select (`classNamePrefix` = its name) by its label. */
  async function pick(page: Page, name: string, label: string): Promise<void> {
    await page.click(`.${name}__control`);
    await page.click(`.${name}__option >> text="${label}"`);
  }

  it('gadget: the contract and month picked in edit mode are saved as its configuration and kept across reloads', async () => {
    const { page, consoleErrors } = await open('/dashboard-gadget/?lang=en&mode=edit', 'light', 400);
    try {
      expect(await page.locator('#compliance .clock').count()).toBeGreaterThan(0);
      expect(await page.textContent('#hours')).toMatch(/h used/);
      // Without a saved configuration: the first contract and the current month.
      const first = await page.textContent('.contract__single-value');
      expect(await page.textContent('.month__single-value')).toBe('This month');
      await page.click('.contract__control');
      const options = await page.locator('.contract__option').allTextContents();
      expect(options.length).toBeGreaterThan(1);
      const other = options.find((label) => label !== first) as string;
      await page.click(`.contract__option >> text="${other}"`);
      await page.waitForFunction(
        (name) =>
          document.body.dataset.state === 'ready' &&
          document.querySelector('.contract__single-value')?.textContent === name,
        other,
      );
      await pick(page, 'month', '2026-10');
      await page.waitForFunction(
        () =>
          document.body.dataset.state === 'ready' &&
          /2026-10/.test(document.querySelector('#compliance h2')?.textContent ?? ''),
      );
      // Saving leaves edit mode, as Jira does, and the gadget shows the saved choice.
      await Promise.all([
        page.waitForURL((url) => !url.search.includes('mode=edit')),
        page.click('[data-testid="save"]'),
      ]);
      for (const step of ['after saving', 'after a reload']) {
        if (step === 'after a reload') await page.reload();
        await page.waitForSelector('body[data-state="ready"][data-mode="view"]', { timeout: 30_000 });
        expect(await page.textContent('#controls .title')).toBe(`${other} · 2026-10`);
        expect(await page.textContent('#compliance h2')).toMatch(/· 2026-10$/);
        expect(await page.locator('.contract__control').count()).toBe(0);
      }
      const links = page.locator('#open a.issue-key');
      const count = await links.count();
      for (let index = 0; index < count; index++)
        expect(await links.nth(index).getAttribute('href')).toMatch(/^\/browse\/[A-Z]+-\d+$/);
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('gadget: names the zone of the due instants it shows', async () => {
    const { page } = await open('/dashboard-gadget/?lang=en&tz=Asia/Tokyo', 'light', 1280);
    try {
      const due = await page.locator('#open .due').allTextContents();
      expect(due.length).toBeGreaterThan(0);
      for (const text of due) expect(text).toMatch(/^due \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(await page.textContent('#open .zone')).toBe('times in Asia/Tokyo');
    } finally {
      await page.close();
    }
  });

  it('styles the pages only with design tokens Atlassian defines', () => {
    const known = new Set<string>(Object.values(tokenNames));
    for (const dir of new Set(PAGES.map((target) => target.dir))) {
      const css = readFileSync(join(__dirname, '..', '..', '..', 'static', dir, 'style.css'), 'utf8');
      const used = [...css.matchAll(/var\((--ds-[a-z0-9-]+)/g)].map((match) => match[1]);
      expect(used.length).toBeGreaterThan(10);
      expect(used.filter((name) => !known.has(name))).toEqual([]);
    }
  });

  it('keeps the light and dark screenshots apart (a theme that changes nothing fails)', () => {
    for (const target of PAGES) {
      const light = readFileSync(join(REFERENCE, `${target.name}-light-1280.png`));
      const dark = readFileSync(join(REFERENCE, `${target.name}-dark-1280.png`));
      expect(light.equals(dark)).toBe(false);
    }
  });
});
