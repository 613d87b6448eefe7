"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Copies a value and says so ("Copied!"), also to screen readers. The value is shown next
 * to the button (an input or a code element beside it, in the same container): when the
 * browser refuses to copy (no clipboard permission, not a secure context), that field is
 * selected and the button says how to copy by hand, so the value never goes anywhere else
 * (no hidden textarea). A copy by hand counts as copied (`onCopied`).
 */
export function CopyButton({ value, label, onCopied }: { value: string; label: string; onCopied?: () => void }) {
  const [state, setState] = useState<"idle" | "copied" | "by-hand">("idle");
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  // Waiting for Ctrl+C: a copy of the selected field is the copy the button could not make.
  useEffect(() => {
    if (state !== "by-hand") return;
    function onCopy() {
      const field = valueField(buttonRef.current, value);
      if (field && selectionCovers(field, value)) {
        setState("copied");
        onCopied?.();
      }
    }
    document.addEventListener("copy", onCopy);
    return () => document.removeEventListener("copy", onCopy);
  }, [state, value, onCopied]);

  async function copy() {
    const field = valueField(buttonRef.current, value);
    try {
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(value);
      else copySelected(field);
      setState("copied");
      onCopied?.();
    } catch {
      if (field) select(field);
      setState("by-hand");
    }
  }

  return (
    <button
      ref={buttonRef}
      type="button"
      onClick={copy}
      aria-label={state === "copied" ? `${label} copied` : `Copy ${label}`}
      // relative: the visually hidden status stays inside the button, never outside a scroll box.
      className={`relative inline-flex min-w-24 items-center justify-center gap-1 rounded-md border px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 ${
        state === "copied"
          ? "border-green-600 bg-green-50 text-green-800"
          : state === "by-hand"
            ? "border-amber-400 bg-amber-50 text-amber-900"
            : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"
      }`}
    >
      {state === "copied" ? <CheckIcon /> : <CopyIcon />}
      {state === "copied" ? "Copied!" : state === "by-hand" ? BY_HAND : "Copy"}
      <span className="sr-only" role="status">
        {state === "copied" && `${label} copied to the clipboard`}
        {state === "by-hand" && `The browser did not allow copying. The ${label} is selected: press Ctrl+C (⌘C on a Mac) to copy it.`}
      </span>
    </button>
  );
}

const BY_HAND = "Press Ctrl+C (⌘C on a Mac) to copy";

type ValueField = HTMLInputElement | HTMLTextAreaElement | HTMLElement;

/** The element beside the button that shows the value. */
function valueField(button: HTMLElement | null, value: string): ValueField | null {
  const container = button?.parentElement;
  if (!container) return null;
  for (const element of container.querySelectorAll<HTMLElement>("input, textarea, code, pre, output")) {
    const shown = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.value : element.textContent;
    if (shown === value) return element;
  }
  return null;
}

function select(field: ValueField) {
  field.focus({ preventScroll: true });
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
    field.select();
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(field);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

function selectionCovers(field: ValueField, value: string): boolean {
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
    return document.activeElement === field && field.value.slice(field.selectionStart ?? 0, field.selectionEnd ?? 0) === value;
  }
  return window.getSelection()?.toString() === value;
}

/** The old way, for pages outside a secure context: copy the field's own selection. */
function copySelected(field: ValueField | null) {
  if (!field) throw new Error("nothing to copy from");
  select(field);
  if (!document.execCommand("copy")) throw new Error("copy refused");
}

const iconProps = { width: 16, height: 16, viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 2, "aria-hidden": true } as const;

function CopyIcon() {
  return (
    <svg {...iconProps}>
      <rect x="9" y="9" width="12" height="12" rx="2" />
      <path d="M5 15V5a2 2 0 0 1 2-2h10" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg {...iconProps}>
      <path d="M4 12l5 5L20 6" />
    </svg>
  );
}
