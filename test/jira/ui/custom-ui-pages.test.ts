import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPreviewServer, type PreviewServer } from '../../../scripts/preview';
import { SETTINGS_KEYS } from '../../../src/jira/config/app-settings';
import { countColour, decodePng } from '../../png-image';
import { launchChromium } from '../../helpers/chromium';

const OUTPUT = join(__dirname, '..', '..', '..', 'test-output', 'jira-ui');

/** Picks an option of an Atlaskit select (`classNamePrefix` = its name) by its label. */
async function pick(page: Page, name: string, label: string): Promise<void> {
  await page.click(`.${name}__control`);
  await page.click(`.${name}__option >> text="${label}"`);
}

/** Picks an option of an admin page select by the settings path its field edits. */
async function pickSetting(page: Page, path: string, label: string): Promise<void> {
  await page.click(`[data-path="${path}"] .sel__control`);
  await page.click(`.sel__option >> text="${label}"`);
}

/** A colour the page's style sheet gives an element (design tokens resolve per theme), as RGB. */
async function computedColour(
  page: Page,
  selector: string,
  property: 'fill' | 'color',
): Promise<[number, number, number]> {
  const value = await page
    .locator(selector)
    .first()
    .evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);
  const [r, g, b] = (/rgba?\(([^)]+)\)/.exec(value)?.[1] ?? '').split(/[\s,]+/).map(Number);
  return [r, g, b];
}

jest.setTimeout(90_000);

describe('Custom UI pages in headless Chromium, served by the preview with the bridge stand-in', () => {
  let preview: PreviewServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    preview = await startPreviewServer({ port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, acceptDownloads: true });
  });

  afterEach(async () => {
    await page.close();
  });

  async function ready(): Promise<void> {
    await page.waitForSelector('body[data-state="ready"]', { timeout: 20_000 });
  }

  it('renders the report with charts, follows the month picker and the language, and exports CSV', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${preview.url}/project-report/?project=DELTA&lang=en`);
    await ready();

    expect(await page.textContent('#statement h2')).toContain('November 2026');
    const burndown = await page.locator('#charts svg[data-chart="burndown"]').boundingBox();
    const compliance = await page.locator('#charts svg[data-chart="compliance"]').boundingBox();
    expect(burndown && burndown.width > 400 && burndown.height > 120).toBe(true);
    expect(compliance && compliance.width > 400 && compliance.height > 60).toBe(true);

    const shot = await page.screenshot({ fullPage: false });
    writeFileSync(join(OUTPUT, 'project-report-en.png'), shot);
    const image = decodePng(shot);
    expect(image.width).toBe(1280);
    // The day bars are drawn: the chart box holds a good number of bar-blue pixels, the page outside it none.
    if (!burndown) throw new Error('no burn-down chart');
    const barBlue = await computedColour(page, '#charts svg[data-chart="burndown"] .bar.used', 'fill');
    expect(countColour(image, burndown, barBlue, 12)).toBeGreaterThan(200);
    expect(countColour(image, { x: 0, y: 0, width: 1280, height: 40 }, barBlue, 12)).toBe(0);

    await pick(page, 'month', '2026-10');
    await page.waitForFunction(() => document.querySelector('#statement h2')?.textContent?.includes('October 2026'));
    await ready();
    await pick(page, 'lang', 'Русский');
    await page.waitForFunction(() => document.querySelector('#statement h2')?.textContent?.includes('Октябрь 2026'));
    await ready();
    expect(await page.textContent('[data-testid="export-csv"]')).toBe('Экспорт CSV');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
    expect(download.suggestedFilename()).toBe('sla-DELTA-2026-10-ru.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^contract_id,contract_name,month,line_no,kind/);
    expect(csv).toContain('client-d,ИП Дельтов,2026-10,');
    expect(errors).toEqual([]);
  });

  it('shows an error as data for a project without a contract', async () => {
    await page.goto(`${preview.url}/project-report/?project=NOPE&lang=en`);
    await page.waitForSelector('body[data-state="error"]');
    expect(await page.textContent('#status')).toContain('project NOPE is not mapped to a contract');
  });

  it('admin page rejects a bad catalog with the path-specific message at its field and keeps the saved catalog', async () => {
    const saved = await preview.store.get(SETTINGS_KEYS.catalog);
    await page.goto(`${preview.url}/admin-page/?lang=en`);
    await ready();
    expect(await page.inputValue('[id="tariffs.basic.targets.reaction"]')).toBe('240');

    await page.fill('[id="tariffs.basic.targets.reaction"]', '0');
    await page.getByTestId('save').click();
    await page.waitForFunction(
      () => document.querySelector('#status')?.textContent === 'Not saved: fix the problems below.',
    );

    expect(await page.locator('[data-testid="problem-summary"] li').allTextContents()).toEqual([
      'tariffs.basic.targets.reaction: expected minutes > 0 Show',
    ]);
    const atField = '[data-path="tariffs.basic.targets.reaction"] .field-problem';
    expect(await page.locator(atField).allTextContents()).toEqual(['expected minutes > 0']);
    expect(await preview.store.get(SETTINGS_KEYS.catalog)).toEqual(saved);

    await page.locator(atField).scrollIntoViewIfNeeded();
    const problem = await page.locator(atField).boundingBox();
    const shot = await page.screenshot();
    writeFileSync(join(OUTPUT, 'admin-page-rejected.png'), shot);
    if (!problem) throw new Error('no problem shown at the field');
    expect(problem.height).toBeGreaterThan(10);
    expect(countColour(decodePng(shot), problem, await computedColour(page, atField, 'color'), 40)).toBeGreaterThan(30);
  });

  it('admin page keeps the holiday files the catalog names, and takes uploads', async () => {
    await page.goto(`${preview.url}/admin-page/?lang=en`);
    await ready();
    expect(await page.locator('#holiday-files li').allTextContents()).toEqual(['holidays/ru-2026.icsRemove']);

    await page.click('#holiday-files button');
    const missing = '[data-path="calendars.msk-9-19.holidayFiles"] .field-problem';
    await page.waitForSelector(missing);
    expect(await page.locator(missing).allTextContents()).toEqual([
      expect.stringMatching(/^cannot read holiday file "holidays\/ru-2026\.ics": no file/),
    ]);

    await page.setInputFiles(
      '#holiday-upload',
      join(__dirname, '..', '..', '..', 'examples', 'holidays', 'ru-2026.ics'),
    );
    await page.waitForSelector('#holiday-files li');
    await page.getByTestId('check').click();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'No problems found.');
    expect(await page.locator('.field-problem').count()).toBe(0);
  });

  it('admin page saves a valid mapping change', async () => {
    await page.goto(`${preview.url}/admin-page/?lang=en`);
    await ready();
    await page.getByTestId('tab-projects').click();
    await pickSetting(page, 'language', 'en');
    await page.getByTestId('save').click();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'Saved.');
    expect(await preview.store.get(SETTINGS_KEYS.mapping)).toMatchObject({
      text: expect.stringContaining('language: en'),
    });
  });
});
