/**
 * The audit the Custom UI browser tests run in a page (`page.evaluate(auditPage)`): sideways scroll and
 * the WCAG contrast of every text against the background behind it, in the page's theme.
 */
/** What the page looks like to a reader: sideways scroll, and every text's contrast against what is behind it. */
export interface PageAudit {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly colorMode: string | null;
  readonly bodyBackground: string;
  readonly texts: number;
  readonly lowContrast: ReadonlyArray<{ text: string; ratio: number; color: string; background: string }>;
}

/** Runs in the page: WCAG contrast of each element's own text against its effective background. */
export function auditPage(): PageAudit {
  type Rgba = [number, number, number, number];
  const parse = (value: string): Rgba | null => {
    const match = /rgba?\(([^)]+)\)/.exec(value);
    if (!match) return null;
    const parts = match[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const alpha = top[3];
    return [
      top[0] * alpha + bottom[0] * (1 - alpha),
      top[1] * alpha + bottom[1] * (1 - alpha),
      top[2] * alpha + bottom[2] * (1 - alpha),
      1,
    ];
  };
  const backgroundOf = (element: Element | null): Rgba => {
    if (element === null) return [255, 255, 255, 1];
    const own = parse(getComputedStyle(element).backgroundColor) ?? [0, 0, 0, 0];
    if (own[3] >= 1) return own;
    const below = backgroundOf(element.parentElement);
    return own[3] === 0 ? below : over(own, below);
  };
  const luminance = ([r, g, b]: Rgba) => {
    const channel = (value: number) => {
      const s = value / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const lowContrast: Array<{ text: string; ratio: number; color: string; background: string }> = [];
  let texts = 0;
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    const own = Array.from(element.childNodes)
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent ?? '')
      .join('')
      .trim();
    if (own === '' || ['SCRIPT', 'STYLE', 'OPTION', 'TITLE'].includes(element.tagName)) continue;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0) continue;
    const isSvgText = element instanceof SVGElement;
    const colour = parse(isSvgText ? style.fill : style.color);
    if (!colour) continue;
    const background = backgroundOf(isSvgText ? element.closest('figure') : element);
    const opacity = Number(style.opacity) * (element.closest('button:disabled') ? 0.6 : 1);
    const value = ratio(over([colour[0], colour[1], colour[2], colour[3] * opacity], background), background);
    texts++;
    if (value < 4.5)
      lowContrast.push({
        text: own.slice(0, 40),
        ratio: Math.round(value * 100) / 100,
        color: style.color,
        background: `rgb(${background.slice(0, 3).map(Math.round).join(',')})`,
      });
  }
  const scroller = document.scrollingElement ?? document.documentElement;
  return {
    scrollWidth: scroller.scrollWidth,
    clientWidth: scroller.clientWidth,
    colorMode: document.documentElement.getAttribute('data-color-mode'),
    bodyBackground: getComputedStyle(document.body).backgroundColor,
    texts,
    lowContrast,
  };
}
