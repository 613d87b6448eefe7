"use client";

import { useEffect } from "react";

export const UNSAVED_CHANGES = "You have unsaved changes. Leave this page and lose them?";

/** The part of the Navigation API used here (Chromium; Firefox 147 and Safari 26 too). */
type NavigateEventLike = Event & { navigationType: string; cancelable: boolean };
type NavigationLike = EventTarget;

function navigationApi(): NavigationLike | undefined {
  return (window as { navigation?: NavigationLike }).navigation;
}

/** A click that the browser or Next's <Link> would turn into leaving this page for another of this site. */
function leavingLink(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute("download")) return false;
  if (anchor.target && anchor.target !== "_self") return false; // another tab: this page stays
  const url = new URL(anchor.href, window.location.href);
  // Another site is a full page load, which beforeunload already asks about.
  if (url.origin !== window.location.origin) return false;
  return url.pathname !== window.location.pathname || url.search !== window.location.search;
}

// The guards of the page, so a way out that is not a navigation (signing out: the session
// ends before the page is left) can ask first and then leave without a second question.
const active = new Set<{ message: string }>();
let leavingOnPurpose = false;

/** Asks about the page's unsaved work, if any; true when the page may be left. Then it leaves without asking again. */
export function confirmLeavingUnsavedWork(): boolean {
  const [first] = active;
  if (first && !window.confirm(first.message)) return false;
  leavingOnPurpose = true;
  return true;
}

/**
 * Asks before unsaved work is dropped. The App Router has no navigation events, so:
 * - reload, close, another site: beforeunload (the browser's own question);
 * - a link of this site: the click, caught in the capture phase before <Link> starts a
 *   soft navigation;
 * - Back and Forward: the Navigation API's navigate event, which can cancel the traversal
 *   before the URL changes (popstate comes too late: the router's own listener has already
 *   rendered the other page). Browsers allow that only after a user interaction, so a page
 *   cannot trap Back; without the API, Back leaves without asking.
 * router.push() from the app itself is not asked about: it is called once the work is saved.
 */
export function useUnsavedChangesWarning(dirty: boolean, message: string = UNSAVED_CHANGES): void {
  useEffect(() => {
    if (!dirty) return;
    const navigation = navigationApi();
    const guard = { message };
    active.add(guard);

    function onBeforeUnload(event: BeforeUnloadEvent) {
      if (!leavingOnPurpose) event.preventDefault();
    }
    function onClick(event: MouseEvent) {
      if (!leavingLink(event) || window.confirm(message)) return;
      event.preventDefault();
      event.stopPropagation(); // <Link>'s handler (React's, below document) never sees it
    }
    function onNavigate(event: Event) {
      const navigate = event as NavigateEventLike;
      if (navigate.navigationType !== "traverse" || !navigate.cancelable) return;
      if (!window.confirm(message)) navigate.preventDefault();
    }

    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    navigation?.addEventListener("navigate", onNavigate);
    return () => {
      active.delete(guard);
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
      navigation?.removeEventListener("navigate", onNavigate);
    };
  }, [dirty, message]);
}
