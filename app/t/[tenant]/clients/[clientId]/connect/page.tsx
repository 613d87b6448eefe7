import type { Metadata } from "next";
import Link from "next/link";
import { ConnectIntro } from "@/components/connect/connect-intro";
import { ConnectValues } from "@/components/connect/connect-values";
import { SnippetTabs } from "@/components/connect/snippet-tabs";
import { Banner } from "@/components/ui/banner";
import { connectSnippets } from "@/lib/connect/connect-snippets";
import { getConnectInput } from "@/lib/connect/get-connect-input";
import { loadClientPage } from "../load-client-page";

type Props = { params: Promise<{ tenant: string; clientId: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant, clientId } = await params;
  const { client } = await loadClientPage(tenant, clientId);
  return { title: `Connect · ${client.name}` };
}

/**
 * The Connect tab: the token service's addresses and working code for this client, for every
 * member. No secret is ever on it: the code reads secrets and private keys from the environment.
 */
export default async function ClientConnectPage({ params, searchParams }: Props) {
  const [{ tenant, clientId }, { created }] = await Promise.all([params, searchParams]);
  // Signed in, member of the tenant, and the client looked up with the tenant (404 otherwise).
  const { ctx, client } = await loadClientPage(tenant, clientId);
  const input = await getConnectInput(ctx, client);
  const { flow, snippets } = connectSnippets(input);
  const { urls } = input;
  const signsPeopleIn = flow === "browser" || flow === "server";
  const values = [
    { label: "Issuer", value: urls.issuer },
    { label: "Discovery URL", value: urls.discovery },
    ...(signsPeopleIn ? [{ label: "Authorization endpoint", value: urls.authorization }] : []),
    { label: "Token endpoint", value: urls.token },
    { label: "JWKS URL", value: urls.jwks },
    { label: "Audience", value: urls.audience },
  ];

  return (
    <div className="space-y-6">
      {/* The add-client wizard lands here with exactly ?created=1 once the secret dialog is closed. */}
      {created === "1" && (
        <Banner tone="success">
          Client “{client.name}” is ready. Connect your application with the code below, or go{" "}
          <Link href={`/t/${ctx.tenantSlug}/clients?created=${encodeURIComponent(client.clientId)}`} className="underline">
            back to the clients list
          </Link>
          .
        </Banner>
      )}
      <section aria-labelledby="connect-heading" className="space-y-3">
        <h2 id="connect-heading" className="text-xl font-semibold">
          Connect your application
        </h2>
        <div className="max-w-3xl text-sm text-slate-700">
          <ConnectIntro
            flow={flow}
            clientHref={`/t/${ctx.tenantSlug}/clients/${client.clientId}`}
            redirectUri={input.client.redirectUris[0]}
            allowRefreshToken={client.allowRefreshToken}
          />
        </div>
      </section>
      <section aria-labelledby="connect-values-heading" className="space-y-3">
        <h3 id="connect-values-heading" className="text-lg font-semibold">
          Token service
        </h3>
        <ConnectValues values={values} />
      </section>
      <section aria-labelledby="connect-code-heading" className="space-y-3">
        <h3 id="connect-code-heading" className="text-lg font-semibold">
          Code
        </h3>
        <SnippetTabs snippets={snippets} label="Code samples by language" />
      </section>
    </div>
  );
}
