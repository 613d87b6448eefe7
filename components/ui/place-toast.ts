// Where a toast may stand: over no control, so a message never hides the Save, Status or
// Delete button someone is about to press. Tried in order: over the page at the top centre
// under the header, the bottom centre, the corners, then any free band of the window from
// the top down; when every place there would cover a control (a dense form on a phone), in
// the page's flow right after the form that was just used; failing that, in the flow at
// the top of the page. In the flow it covers nothing, and it stays there until it goes.

const CONTROLS = [
  "a[href]",
  "button",
  'input:not([type="hidden"])',
  "select",
  "textarea",
  "summary",
  "label",
  '[role="button"]',
  '[role="link"]',
  '[role="checkbox"]',
  '[role="radio"]',
  '[role="tab"]',
  '[tabindex]:not([tabindex="-1"])',
].join(",");

/** Space kept between the toast and the window's edges, the header and any control. */
const EDGE = 16;
const CLEARANCE = 6;
const BAND_STEP = 8;

type Box = { left: number; top: number; right: number; bottom: number };

const overlaps = (a: Box, b: Box) =>
  a.left < b.right + CLEARANCE && a.right + CLEARANCE > b.left && a.top < b.bottom + CLEARANCE && a.bottom + CLEARANCE > b.top;

/** Remembers the last element pressed or focused outside the toast: the form it belongs to is where an action started. */
export function watchInteractions(box: HTMLElement): { last: () => Element | null; stop: () => void } {
  let last: Element | null = null;
  const remember = (event: Event) => {
    if (event.target instanceof Element && !box.contains(event.target)) last = event.target;
  };
  document.addEventListener("pointerdown", remember, true);
  document.addEventListener("focusin", remember, true);
  return {
    last: () => last,
    stop: () => {
      document.removeEventListener("pointerdown", remember, true);
      document.removeEventListener("focusin", remember, true);
    },
  };
}

/** Puts the toast's node `box` in its place; `home` is its place in the flow at the top of the page. */
export function placeToast(box: HTMLElement, home: HTMLElement, lastControl: Element | null): void {
  // Once in the flow it stays: moving it in and out would shift the page under the reader.
  if (box.dataset.placement === "flow" && box.isConnected) return;
  if (box.parentElement !== home) home.append(box);
  // Measured out of the flow: its size does not depend on where it goes.
  Object.assign(box.style, { position: "fixed", top: "0px", left: "0px", zIndex: "50", visibility: "hidden" });
  const { width, height } = box.getBoundingClientRect();
  const viewWidth = document.documentElement.clientWidth;
  const viewHeight = window.innerHeight;
  const underHeader = Math.max(0, document.querySelector("header")?.getBoundingClientRect().bottom ?? 0) + EDGE / 2;
  const centre = (viewWidth - width) / 2;
  const bottom = viewHeight - height - EDGE;
  const spots: [number, number][] = [
    [centre, underHeader],
    [centre, bottom],
    [viewWidth - width - EDGE, bottom],
    [EDGE, bottom],
    [viewWidth - width - EDGE, underHeader],
    [EDGE, underHeader],
  ];
  for (let top = underHeader + BAND_STEP; top < bottom; top += BAND_STEP) spots.push([centre, top]);
  const controls = [...document.querySelectorAll(CONTROLS)]
    .filter((element) => !box.contains(element))
    .map((element) => element.getBoundingClientRect())
    .filter((rect) => rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < viewHeight);
  const free = spots.find(
    ([left, top]) =>
      top >= 0 && top + height <= viewHeight && !controls.some((rect) => overlaps({ left, top, right: left + width, bottom: top + height }, rect)),
  );
  if (free) {
    box.dataset.placement = "over";
    Object.assign(box.style, { left: `${free[0]}px`, top: `${free[1]}px`, visibility: "" });
    return;
  }
  box.dataset.placement = "flow";
  box.removeAttribute("style");
  box.style.margin = "1rem 0";
  const form = lastControl?.isConnected ? lastControl.closest("form") : null;
  if (form && !form.closest("dialog") && !box.contains(form)) form.after(box);
}
