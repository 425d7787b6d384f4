import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/** Debian's fonts-dejavu-core: the charts' text is set in DejaVu Sans whatever the host's fonts. */
export const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

/**
 * Rasterizes a self-contained chart SVG (see `standaloneChartSvg`) to PNG with resvg, without a
 * browser: fonts from `fontDir` only (no system font scan, so the image is the same on every host),
 * at `scale` × the SVG's size for sharp text on high-density screens.
 *
 * @example
 * const png = chartPng(standaloneChartSvg(complianceChartSvg(sla, locale, words)));
 */
export function chartPng(svg: string, options: { scale?: number; fontDir?: string } = {}): Uint8Array {
  const fontDir = options.fontDir ?? DEJAVU_DIR;
  const fontFiles = FONT_FILES.map((file) => join(fontDir, file)).filter((file) => existsSync(file));
  if (fontFiles.length === 0)
    throw new Error(`no DejaVu fonts in ${fontDir}: install fonts-dejavu-core (scripts/setup-system.sh)`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 1.5 },
    background: '#ffffff',
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}
