"use client";

import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { placeToast, watchInteractions } from "./place-toast";

type Toast = { id: number; tone: "success" | "error"; message: string };
const ToastContext = createContext<(tone: Toast["tone"], message: string) => void>(() => undefined);

/** Long enough to read a two-line message; paused while the pointer or focus is on it. */
const SHOWN_MS = 8000;

const TONES = {
  success: "border-green-300 bg-green-50 text-green-900",
  error: "border-red-300 bg-red-50 text-red-900",
};

/**
 * Short confirmations after an action ("Role renamed"): one at a time (a new one replaces
 * the last), placed where it covers no control (place-toast.ts), closed by its button or
 * Escape, and left alone while hovered or focused. Screen readers hear it from one live
 * region that is in the page before any message; the visible box, which moves, repeats
 * the words for the eye only.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<Toast | null>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const homeRef = useRef<HTMLDivElement>(null);
  // The box lives in a node of its own, so it can stand where it covers nothing (even in
  // the page's flow next to the form that was used) without React's tree moving.
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const interactions = useRef<ReturnType<typeof watchInteractions> | null>(null);
  // Where focus was before it moved into the toast, to hand it back when the toast goes.
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const home = homeRef.current;
    if (!home) return;
    const node = document.createElement("div");
    node.dataset.toastHost = "";
    home.append(node);
    setBox(node);
    interactions.current = watchInteractions(node);
    return () => {
      interactions.current?.stop();
      node.remove();
    };
  }, []);

  const show = useCallback((tone: Toast["tone"], message: string) => setToast({ id: Date.now() + Math.random(), tone, message }), []);

  const dismiss = useCallback(() => {
    if (box?.contains(document.activeElement)) {
      const target = returnFocus.current;
      if (target?.isConnected) target.focus();
      else (document.activeElement as HTMLElement | null)?.blur();
    }
    setToast(null);
    setHovered(false);
    setFocused(false);
  }, [box]);

  useEffect(() => {
    if (!toast || hovered || focused) return;
    const timer = setTimeout(dismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [toast, hovered, focused, dismiss]);

  useEffect(() => {
    if (!toast) return;
    function onKeyDown(event: KeyboardEvent) {
      // An open dialog owns Escape (it cancels the dialog); so does anything that handled it.
      if (event.key !== "Escape" || event.defaultPrevented || document.querySelector("dialog[open]")) return;
      dismiss();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [toast, dismiss]);

  // Placed before paint, and again whenever the page resizes or changes under it; not on
  // scroll: a toast that moved with every frame would jump between spots, or into the flow.
  useLayoutEffect(() => {
    const home = homeRef.current;
    if (!box || !home || !toast) return;
    let frame = 0;
    const lastControl = interactions.current?.last() ?? null;
    const place = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => placeToast(box, home, lastControl));
    };
    placeToast(box, home, lastControl);
    const changes = new MutationObserver(place);
    changes.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["class", "hidden", "open"] });
    window.addEventListener("resize", place);
    return () => {
      cancelAnimationFrame(frame);
      changes.disconnect();
      window.removeEventListener("resize", place);
      box.removeAttribute("style");
      delete box.dataset.placement;
      home.append(box);
    };
  }, [toast, box]);

  return (
    <ToastContext.Provider value={show}>
      <div ref={homeRef}>
        {/* Always present, so screen readers are listening before the first message arrives. */}
        <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-toast-announcer>
          {toast && <p key={toast.id}>{toast.message}</p>}
        </div>
      </div>
      {box &&
        toast &&
        createPortal(
          <div
            className={`z-50 flex w-[min(32rem,calc(100vw-2rem))] items-start gap-3 rounded-md border px-4 py-3 text-sm shadow-lg ${TONES[toast.tone]}`}
            onMouseEnter={() => setHovered(true)}
            onMouseLeave={() => setHovered(false)}
            onFocus={(event) => {
              if (!focused) returnFocus.current = event.relatedTarget instanceof HTMLElement ? event.relatedTarget : null;
              setFocused(true);
            }}
            onBlur={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
            }}
          >
            {/* Announced by the live region above; here for the eye. */}
            <p aria-hidden="true" className="min-w-0 flex-1">
              {toast.message}
            </p>
            <button
              type="button"
              onClick={dismiss}
              aria-label="Dismiss message"
              title="Dismiss (Esc)"
              className="-my-1 -mr-2 shrink-0 rounded px-2 py-1 text-base leading-none hover:bg-black/5 focus-visible:outline-2 focus-visible:outline-blue-700"
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>,
          box,
        )}
      {children}
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
