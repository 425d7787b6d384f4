import { build } from 'esbuild';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../helpers/chromium';

/** The Custom UI's SVG sanitizer, bundled as the page gets it and run in headless Chromium. */

jest.setTimeout(90_000);

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(__dirname, '..', '..', '..', 'src', 'jira', 'ui', 'shared', 'svg-fragment.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'sanitizer',
    write: false,
    platform: 'browser',
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
});

afterAll(async () => {
  await browser?.close();
});

/** The sanitized node's markup, after it was put in the page (where a live handler would fire). */
async function sanitized(markup: string): Promise<{ html: string | null; fired: boolean }> {
  return page.evaluate((text) => {
    const scope = window as unknown as {
      fired: boolean;
      sanitizer: { svgFragment: (markup: string) => SVGSVGElement | null };
    };
    scope.fired = false;
    const node = scope.sanitizer.svgFragment(text);
    if (node) document.body.appendChild(node);
    return new Promise<{ html: string | null; fired: boolean }>((resolve) =>
      setTimeout(() => resolve({ html: node ? node.outerHTML : null, fired: scope.fired }), 50),
    );
  }, markup);
}

test('An onload on the root element is removed and never fires', async () => {
  const result = await sanitized(
    '<svg xmlns="http://www.w3.org/2000/svg" onload="window.fired = true"><rect width="10" height="10"/></svg>',
  );
  expect(result.html).toContain('<rect');
  expect(result.html).not.toMatch(/onload/i);
  expect(result.fired).toBe(false);
});

test('A java&#x09;script: link and other event handlers are removed', async () => {
  const result = await sanitized(
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a href="java&#x09;script:window.fired=true"><text>x</text></a><a xlink:href="JaVaScRiPt:alert(1)"><text>y</text></a><rect onmouseover="window.fired=true"/><script>window.fired = true</script><foreignObject><div>z</div></foreignObject></svg>',
  );
  expect(result.html).not.toMatch(/script|onmouseover|foreignObject/i);
  expect(result.html).toContain('<text>x</text>');
  expect(result.fired).toBe(false);
});

test('A chart stays a chart', async () => {
  const result = await sanitized(
    '<svg xmlns="http://www.w3.org/2000/svg" data-chart="burndown" viewBox="0 0 10 10"><g><rect x="1" y="1" width="3" height="3" fill="#9db7f0"/><title>Burn-down</title></g></svg>',
  );
  expect(result.html).toContain('data-chart="burndown"');
  expect(result.html).toContain('fill="#9db7f0"');
});

test('Markup that is not an SVG gives nothing', async () => {
  expect((await sanitized('<img src=x onerror="window.fired=true">')).html).toBeNull();
  expect((await sanitized('')).html).toBeNull();
});

test('Text with non-breaking spaces and entities survives (chart labels such as "27,25 ч")', async () => {
  const result = await sanitized(
    '<svg xmlns="http://www.w3.org/2000/svg" data-chart="burndown" role="img"><text>27,25\u00a0ч &amp; 3\u00a0h</text></svg>',
  );
  expect(result.html).toContain('data-chart="burndown"');
  expect(result.html).toContain('role="img"');
  expect(result.html).toContain('27,25');
});
