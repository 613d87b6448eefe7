"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type ClientTab = { href: string; label: string };

/** The client page's sections as links; the current one is marked for assistive technology. */
export function ClientTabs({ tabs }: { tabs: ClientTab[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Client sections" className="border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {tabs.map((tab, index) => {
          // The first tab (Details) is the client's own URL, so only an exact match selects it.
          const current = index === 0 ? pathname === tab.href : pathname === tab.href || pathname.startsWith(`${tab.href}/`);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 ${
                  current ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
