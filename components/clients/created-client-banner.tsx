"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { Banner } from "@/components/ui/banner";

/**
 * The list's confirmation after a client was created (`?created=`), named with a link to the
 * client, so it is reachable even when its row is not on the page shown.
 */
export function CreatedClientBanner({ tenantSlug, client }: { tenantSlug: string; client: { clientId: string; name: string } }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Next.js keeps the previous page's scroll position when the new page's top edge is still
    // in view (the Add client form, scrolled down a little), which leaves the menu out of view:
    // start at the top. Focus here has screen readers announce the creation.
    window.scrollTo({ top: 0 });
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className="focus:outline-none">
      <Banner tone="success">
        Client “
        <Link href={`/t/${tenantSlug}/clients/${client.clientId}`} className="font-medium underline">
          {client.name}
        </Link>
        ” was created. Its secret is not stored anywhere; if it was not saved, add a new secret.
      </Banner>
    </div>
  );
}
