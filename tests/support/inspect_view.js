// What the notebook view's browser tests read from the rendered DOM, in one script.
// Run by tests/test_notebook_browser.py through WebDriver's execute_script (a function body).
const view = document.querySelector('.nf-view');
const doc = view.querySelector('.nf-doc');
const rgba = s => { const m = s.match(/[\d.]+/g).map(Number); return m.length < 4 ? [...m, 1] : m; };
const bg = el => { for (; el; el = el.parentElement) { const c = rgba(getComputedStyle(el).backgroundColor);
                   if (c[3] > 0) return c; } return [255, 255, 255, 1]; };
const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                   return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
const contrast = el => { const a = lum(rgba(getComputedStyle(el).color)), b = lum(bg(el));
                         return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
const shown = el => { if (!el) return false; const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
                      return r.width > 0 && r.height > 0 && cs.visibility === 'visible' && cs.display !== 'none'
                             && parseFloat(cs.opacity) > 0; };
const part = (el, sel) => { const p = el.querySelector(sel);
  return p ? {text: p.textContent, shown: shown(p), contrast: contrast(p),
              decoration: getComputedStyle(p).textDecorationLine,
              border: getComputedStyle(p).borderBottomStyle + ' ' + getComputedStyle(p).borderTopStyle}
           : null; };
const marks = kind => [...doc.querySelectorAll(`[data-kind="${kind}"]`)].map(el => {
  const row = el.closest('.nf-tr-row');
  const src = row && row.querySelector(`.nf-tr-src[data-n="${el.dataset.n}"]`);
  const srcBox = src && src.getBoundingClientRect(), elBox = el.getBoundingClientRect();
  return {n: el.dataset.n, rule: el.dataset.rule, shown: shown(el), title: el.title,
          sr: (el.querySelector('.nf-sr') || {}).textContent, tabindex: el.getAttribute('tabindex'),
          href: el.getAttribute('href'), before: part(el, '.nf-before'), after: part(el, '.nf-after'),
          current: part(el, '.nf-current'), proposal: part(el, '.nf-proposal'),
          source: src ? {text: src.textContent, shown: shown(src), contrast: contrast(src),
                         leftOfMark: srcBox.right <= elBox.left} : null};
});
const lis = [...view.querySelectorAll('.nf-warnings li')];
return {
  edits: marks('edit'), suggestions: marks('suggestion'), flags: marks('flag'),
  warnings: lis.map(li => ({id: li.id, text: li.textContent, shown: shown(li)})),
  flagTargets: marks('flag').map(f => !!document.getElementById(f.href.slice(1))),
  blocks: [...doc.querySelectorAll('.nf-block')].map(b => contrast(b)),
  translated: doc.querySelectorAll('.nf-translated').length,
  viewBackground: lum(bg(view)),
  legend: [...view.querySelectorAll('.nf-legend li[data-key]')].map(li => li.dataset.key),
  scripts: view.querySelectorAll('script,img,svg,iframe,object,embed').length,
  onAttributes: [...view.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))
                 .filter(n => n.startsWith('on')),
};
