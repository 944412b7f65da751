// @ts-check
// The sticky section nav: which part the reader is in, which are behind, how many are left.
import { q, setText } from './dom.js';

/**
 * @param {{nav: HTMLElement, sections: HTMLElement[], goals: HTMLElement | null}} parts
 */
export function createProgress({ nav, sections, goals }) {
  const links = /** @type {HTMLAnchorElement[]} */ ([...nav.querySelectorAll('a[data-part]')]);
  const text = q(nav, '#progress-text');
  const fill = q(nav, '#progress-fill');
  const list = q(nav, '.toc-list');
  const total = sections.length;
  let current = 0; // 0 = still at the learning goals

  /** @param {number} part */
  function update(part) {
    if (part === current) return;
    current = part;
    links.forEach((a) => {
      const n = Number(a.dataset.part);
      if (n === part) a.setAttribute('aria-current', 'location');
      else a.removeAttribute('aria-current');
      a.classList.toggle('done', n < part);
    });
    if (part === 0) {
      setText(text, `Learning goals · ${total} parts ahead`);
      fill.style.width = '0';
    } else {
      const left = total - part;
      setText(text, `Part ${part} of ${total} · ${left === 0 ? 'last part' : `${left} to go`}`);
      fill.style.width = `${(part / total) * 100}%`;
      const link = links[part - 1];
      if (link && list.scrollWidth > list.clientWidth) {
        // keep the current part in view inside the horizontally scrolling list, without moving the page
        const target = link.offsetLeft - (list.clientWidth - link.offsetWidth) / 2;
        list.scrollTo({ left: Math.max(0, target), behavior: 'auto' });
      }
    }
  }

  function choose() {
    // the current part is the last one whose top has passed a reading line a third down the screen
    const line = window.innerHeight * 0.35;
    let part = 0;
    sections.forEach((s, i) => {
      if (s.getBoundingClientRect().top < line) part = i + 1;
    });
    // at the very bottom the last part is current, however short it is
    if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 4) part = total;
    update(part);
  }

  if ('IntersectionObserver' in window) {
    const observer = new IntersectionObserver(choose, { rootMargin: '-30% 0px -60% 0px', threshold: 0 });
    sections.forEach((s) => observer.observe(s));
    if (goals) observer.observe(goals);
    // a last part shorter than the viewport never crosses the reading line: watch the footer too
    const foot = document.querySelector('.site-foot');
    if (foot) {
      new IntersectionObserver(choose, { threshold: [0, 0.5, 1] }).observe(foot);
    }
  }
  current = -1;
  update(0);
  choose();
}
