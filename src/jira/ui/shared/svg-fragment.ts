/**
 * Turns chart markup from the statement engine into an SVG node. It is parsed as XML (never as
 * HTML), and only an `<svg>` root without scripts or event attributes is accepted, so even a
 * tampered answer cannot run code in the page.
 */
export function svgFragment(markup: string): SVGSVGElement | null {
  if (markup.trim() === '') return null;
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = parsed.documentElement;
  if (!(root instanceof SVGSVGElement) || parsed.getElementsByTagName('parsererror').length > 0) return null;
  for (const node of Array.from(root.querySelectorAll('*'))) {
    if (node.tagName.toLowerCase() === 'script' || node.tagName.toLowerCase() === 'foreignobject') node.remove();
    for (const attribute of Array.from(node.attributes)) if (attribute.name.toLowerCase().startsWith('on') || attribute.value.trim().toLowerCase().startsWith('javascript:')) node.removeAttribute(attribute.name);
  }
  return document.importNode(root, true);
}
