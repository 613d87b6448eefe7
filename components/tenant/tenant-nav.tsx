"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { path: "/clients", label: "Clients" },
  { path: "/users", label: "Users" },
  { path: "/roles", label: "Roles" },
  { path: "/environments", label: "Environments" },
  { path: "/audit", label: "Audit log" },
  { path: "/settings", label: "Settings" },
];

export function TenantNav({ tenantSlug }: { tenantSlug: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Tenant" className="flex flex-wrap gap-x-4 gap-y-1">
      {SECTIONS.map((section) => {
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
