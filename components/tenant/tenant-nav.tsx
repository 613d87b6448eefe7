"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The tenant's menu: the sections this person may open (lib/tenants/tenant-sections.ts). */
export function TenantNav({ tenantSlug, sections }: { tenantSlug: string; sections: { path: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Tenant" className="flex flex-wrap gap-x-4 gap-y-1">
      {sections.map((section) => {
        const href = `/t/${tenantSlug}${section.path}`;
        const current = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={section.path}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`rounded px-1 text-sm font-medium hover:underline focus-visible:outline-2 focus-visible:outline-white ${current ? "text-white underline underline-offset-4" : "text-slate-300"}`}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
