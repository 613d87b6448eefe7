"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { Snippet } from "@/lib/connect/connect-input";

/**
 * Code samples, one tab per language (the WAI-ARIA tabs pattern: arrow keys, Home and End
 * move between tabs, Tab goes on into the panel). Each code block scrolls inside itself,
 * so a long line never widens the page.
 */
export function SnippetTabs({ snippets, label }: { snippets: Snippet[]; label: string }) {
  const [selected, setSelected] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const id = useId();

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = snippets.length - 1;
    const next =
      event.key === "ArrowRight"
        ? (index + 1) % snippets.length
        : event.key === "ArrowLeft"
          ? (index + last) % snippets.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setSelected(next);
    tabs.current[next]?.focus();
  }

  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white">
      <div role="tablist" aria-label={label} className="flex flex-wrap gap-x-1 border-b border-slate-200 px-2">
        {snippets.map((snippet, index) => (
          <button
            key={snippet.id}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${snippet.id}`}
            aria-selected={index === selected}
            aria-controls={`${id}-panel-${snippet.id}`}
            tabIndex={index === selected ? 0 : -1}
            onClick={() => setSelected(index)}
            onKeyDown={(event) => onKeyDown(event, index)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 ${
              index === selected ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
            }`}
          >
            {snippet.label}
          </button>
        ))}
      </div>
      {snippets.map((snippet, index) => (
        <div
          key={snippet.id}
          role="tabpanel"
          id={`${id}-panel-${snippet.id}`}
          aria-labelledby={`${id}-tab-${snippet.id}`}
          hidden={index !== selected}
          className="space-y-3 p-4"
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <p className="min-w-0 flex-1 text-sm text-slate-700">{snippet.note}</p>
            <CopyButton value={snippet.code} label={`${snippet.label} snippet`} />
          </div>
          {/* Focusable, so a keyboard can scroll what is wider than the screen. */}
          <pre
            tabIndex={0}
            aria-label={`${snippet.label} snippet`}
            className="overflow-x-auto rounded-md bg-slate-900 p-4 text-sm leading-relaxed text-slate-100"
          >
            <code data-snippet={snippet.id}>{snippet.code}</code>
          </pre>
        </div>
      ))}
    </div>
  );
}
