import DOMPurify from 'dompurify';

/**
 * Turns chart markup from the statement engine into an SVG node, through DOMPurify with its SVG
 * profile: scripts, `foreignObject`, every event attribute (one on the root included) and
 * `javascript:` links however they are spelled (`java&#x09;script:` included) are removed, so even a
 * tampered answer cannot run code in the page. Only an `<svg>` root is accepted. The node comes
 * back as DOMPurify built it (no second parse of serialized markup, which could differ from it).
 */
export function svgFragment(markup: string): SVGSVGElement | null {
  if (markup.trim() === '') return null;
  const fragment = DOMPurify.sanitize(markup, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['foreignObject', 'script'],
    ADD_ATTR: ['role'],
    RETURN_DOM_FRAGMENT: true,
  });
  const root = fragment.firstElementChild;
  if (!(root instanceof SVGSVGElement) || fragment.childElementCount !== 1) return null;
  return document.importNode(root, true);
}
