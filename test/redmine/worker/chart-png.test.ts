import { LIGHT_CHART_COLOURS, statementChartImages } from '../../../src/core/statement/statement-chart-images';
import { chartPng } from '../../../src/redmine/worker/chart-png';
import { trickyStatement } from '../../core/statement/statement-fixture';
import { countColour, decodePng } from '../../png-image';

const PNG_SIGNATURE = '89504e470d0a1a0a';

function rgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

describe('chartPng', () => {
  const images = statementChartImages(trickyStatement(), 'en');

  it('makes self-contained SVGs with literal colours and no CSS variables', () => {
    expect(images.map((image) => image.name).slice(0, 2)).toEqual(['burn-down', 'compliance']);
    for (const image of images) {
      expect(image.svg).not.toContain('var(');
      expect(image.svg).toContain(LIGHT_CHART_COLOURS['--ink']);
    }
  });

  it.each(['burn-down', 'compliance'] as const)('renders the %s chart to a PNG that is not blank', (name) => {
    const svg = images.find((image) => image.name === name)?.svg ?? '';
    const png = Buffer.from(chartPng(svg, { scale: 1 }));
    expect(png.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
    expect(png.length).toBeGreaterThan(4_000);
    const image = decodePng(png);
    expect(image.width).toBe(720);
    const whole = { x: 0, y: 0, width: image.width, height: image.height };
    const white = countColour(image, whole, [255, 255, 255], 8);
    const ink = countColour(image, whole, rgb(LIGHT_CHART_COLOURS['--ink']), 40);
    // A white background, title text in ink, and chart marks that are neither.
    expect(white).toBeGreaterThan((image.width * image.height) / 2);
    expect(ink).toBeGreaterThan(50);
    expect(image.width * image.height - white).toBeGreaterThan(2_000);
  });

  it('draws the compliance track and the bar in its grade colour (0 % of the fixture: poor)', () => {
    const svg = images.find((image) => image.name === 'compliance')?.svg ?? '';
    const image = decodePng(Buffer.from(chartPng(svg, { scale: 1 })));
    const whole = { x: 0, y: 0, width: image.width, height: image.height };
    expect(countColour(image, whole, rgb('#eef1f6'), 4)).toBeGreaterThan(5_000);
    expect(countColour(image, whole, rgb(LIGHT_CHART_COLOURS['--poor']), 30)).toBeGreaterThanOrEqual(15);
    expect(countColour(image, whole, rgb(LIGHT_CHART_COLOURS['--good']), 30)).toBe(0);
  });

  it('names the missing fonts instead of drawing text without them', () => {
    expect(() => chartPng(images[0].svg, { fontDir: '/nonexistent' })).toThrow(/fonts-dejavu-core/);
  });
});
