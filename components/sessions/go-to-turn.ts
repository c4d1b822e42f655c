// Moving to turn N of a windowed transcript. A loaded turn is scrolled to the top of the view
// (after its scroll margin), with room added below the last turn when the page is too short
// for that; a turn outside the loaded windows is a new page load of the window that starts
// at it (?from=N), whose anchor the browser then lands on.

/** The element that gives the last turns room to reach the top of the view. */
export const TURNS_END_SPACER_ID = "turns-end-spacer";

export function turnFromHash(hash: string): number | null {
  const m = /^#turn-(\d{1,9})$/.exec(hash);
  return m ? Number(m[1]) : null;
}

function scrollToTop(el: HTMLElement) {
  const spacer = document.getElementById(TURNS_END_SPACER_ID);
  if (spacer) {
    const margin = parseFloat(getComputedStyle(el).scrollMarginTop) || 0;
    const target = el.getBoundingClientRect().top + window.scrollY - margin;
    const maxScroll = document.documentElement.scrollHeight - window.innerHeight;
    if (target > maxScroll) spacer.style.height = `${spacer.offsetHeight + Math.ceil(target - maxScroll)}px`;
  }
  el.scrollIntoView({ block: "start" });
}

/** Shows turn `n` (1..total): scrolls to it when loaded, else loads the window starting at it. */
export function goToTurn(n: number, total: number) {
  if (!Number.isInteger(n) || n < 1 || n > total) return;
  const el = document.getElementById(`turn-${n}`);
  if (el) {
    scrollToTop(el);
    return;
  }
  const url = new URL(window.location.href);
  url.searchParams.set("from", String(n));
  url.hash = `turn-${n}`;
  window.location.assign(url);
}
