// Signed-out visitors of tenant pages go to sign-in and come back to the page they asked
// for. Pages and actions check the session and membership again themselves.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

export async function proxy(request: NextRequest) {
  if (await getToken({ req: request })) return NextResponse.next();
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname);
  return NextResponse.redirect(signIn);
}

export const config = { matcher: ["/t/:path*"] };
