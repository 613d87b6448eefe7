// Every page gets a fresh Content-Security-Policy nonce (lib/http/portal-csp.ts), and
// signed-out visitors of tenant pages go to sign-in and come back to the page they asked
// for (pages and actions check the session and membership again themselves).
//
// A nonce makes every page render per request. That costs the portal nothing it had: each
// page already reads the session, so none was static, and rendering the nonce in is a few
// attributes. Hashes would keep pages static but cannot cover the inline scripts Next.js
// streams with each page's data. Static files (_next/static, public/) are not pages and
// are left out: they get the server's strict default headers (lib/http/security-headers.ts).
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { sessionCookie } from "@/lib/auth/session-cookies";
import { newNonce, portalCsp } from "@/lib/http/portal-csp";
import { publicBaseUrl } from "@/lib/http/site-security";

export async function proxy(request: NextRequest) {
  const baseUrl = publicBaseUrl();
  if (request.nextUrl.pathname.startsWith("/t/")) {
    if (!(await getToken({ req: request, cookieName: sessionCookie(baseUrl).name }))) {
      const signIn = new URL("/signin", request.url);
      signIn.searchParams.set("callbackUrl", request.nextUrl.pathname);
      return NextResponse.redirect(signIn);
    }
  }
  const csp = portalCsp({ nonce: newNonce(), baseUrl, dev: process.env.NODE_ENV === "development" });
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Whole path segments only (/api but not /apis), dots literal (favicon.ico, not favicon-ico).
  matcher: [{ source: "/((?!(?:api|_next/static|_next/image)(?:/|$)|(?:favicon\\.ico|favicon\\.svg|robots\\.txt)$).*)" }],
};
