import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { gateSignInPost } from "@/lib/auth/sign-in-route";

export const { GET } = handlers;

/** Auth.js behind the sign-in gate (normaliser and rate limits): see lib/auth/sign-in-route.ts. */
export async function POST(request: NextRequest): Promise<Response> {
  return gateSignInPost(request, (r) => handlers.POST(r as NextRequest));
}
