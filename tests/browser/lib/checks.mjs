// Measurements taken inside a page (run with page.evaluate).

/** Page-level and inner horizontal scrolling: anything a reader would have to scroll sideways. */
export function horizontalScrolling(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const inner = [];
    for (const el of document.querySelectorAll('body *')) {
      const style = getComputedStyle(el);
      if (!/(auto|scroll)/.test(style.overflowX)) continue;
      if (el.scrollWidth > el.clientWidth + 1)
        inner.push(`${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth})`);
    }
    const sticking = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > window.innerWidth + 1 && el.closest('.skip-link') === null) {
        // Only report the outermost offender.
        if (!sticking.some((s) => s.el.contains(el)))
          sticking.push({ el, text: `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}` });
      }
    }
    return {
      innerWidth: window.innerWidth,
      scrollWidth: Math.max(doc.scrollWidth, document.body.scrollWidth),
      inner,
      sticking: sticking.map((s) => s.text),
    };
  });
}

/** Visible text rendered smaller than `min` CSS px (SVG text scaled by its drawing). */
export function smallText(page, min = 16) {
  return page.evaluate((min) => {
    const found = [];
    let checked = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      if (!text) continue;
      const el = node.parentElement;
      if (!el || el.closest('script, style, noscript, template')) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()];
      // Not drawn (display: none ancestors) or clipped to a pixel (text for screen readers only).
      if (!rects.some((r) => r.width > 1 && r.height > 1)) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      const svgText = el.closest('text');
      if (svgText && svgText.getScreenCTM) {
        const m = svgText.getScreenCTM();
        size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)); // CSS px per user unit
      }
      checked++;
      if (size < min - 0.01) found.push(`${Math.round(size * 10) / 10}px <${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">: ${text.slice(0, 40)}`);
    }
    return { checked, found };
  }, min);
}

/** The tab stops a keyboard user should reach, in document order. */
export function expectedTabStops(page) {
  return page.evaluate(() => {
    const candidates = document.querySelectorAll('a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"]');
    const stops = [];
    let i = 0;
    for (const el of candidates) {
      if (el.tabIndex < 0 || el.disabled) continue;
      if (el.matches('input[type="hidden"]')) continue;
      if (!el.checkVisibility({ checkVisibilityCSS: true })) continue;
      if (el.closest('[inert]')) continue;
      el.dataset.tabStop = String(i++);
      stops.push({ id: el.dataset.tabStop, label: `${el.tagName.toLowerCase()} ${(el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40)}` });
    }
    return stops;
  });
}

/** WCAG relative-luminance contrast between two CSS colours "rgb(r, g, b)". */
export function contrastRatio(a, b) {
  const lum = (css) => {
    const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}
