import DOMPurify from 'dompurify';

/**
 * Turns chart markup from the statement engine into an SVG node. The markup goes through DOMPurify
 * with its SVG profile first (scripts, `foreignObject`, every event attribute including one on the
 * root, and `javascript:` links however they are spelled — `java&#x09;script:` included — are
 * removed), then it is parsed as XML (never as HTML) and only an `<svg>` root is accepted, so even
 * a tampered answer cannot run code in the page.
 */
export function svgFragment(markup: string): SVGSVGElement | null {
  if (markup.trim() === '') return null;
  const clean = DOMPurify.sanitize(markup, { USE_PROFILES: { svg: true, svgFilters: true }, FORBID_TAGS: ['foreignObject', 'script'] });
  if (clean.trim() === '') return null;
  const parsed = new DOMParser().parseFromString(clean, 'image/svg+xml');
  const root = parsed.documentElement;
  if (!(root instanceof SVGSVGElement) || parsed.getElementsByTagName('parsererror').length > 0) return null;
  return document.importNode(root, true);
}
