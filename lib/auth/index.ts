import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import Nodemailer from "next-auth/providers/nodemailer";
import { openDatabase } from "@/db/client";
import { applyBootstrapAdmin } from "@/db/queries/users";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { normaliseEmailAddressOrThrow } from "@/lib/validation/email-address";
import { getAuthSecret } from "./secret";
import { admitSignInLink, sendVerificationRequest } from "./sign-in-gate";
import { sameSitePath } from "./urls";
import { checkEmailPath, signInErrorPath, signInPath } from "@/lib/paths";

function oauthProviders(): NextAuthConfig["providers"] {
  const env = getEnv();
  const providers: NextAuthConfig["providers"] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
  if (env.AUTH_MICROSOFT_ENTRA_ID_ID && env.AUTH_MICROSOFT_ENTRA_ID_SECRET) {
    providers.push(
      MicrosoftEntraID({
        clientId: env.AUTH_MICROSOFT_ENTRA_ID_ID,
        clientSecret: env.AUTH_MICROSOFT_ENTRA_ID_SECRET,
        issuer: env.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
      }),
    );
  }
  return providers;
}

/**
 * Auth.js, built per request so `next build` never opens the database. Database sessions; email
 * links go straight through our mailer (real SMTP, or the demo outbox) once the rate limits agree
 * (lib/auth/sign-in-gate.ts).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  // Not getDb: Auth.js may be asked outside a page render; start-up has already prepared the database.
  const { db } = await openDatabase();
  const env = getEnv();
  return {
    adapter: DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens }),
    secret: getAuthSecret(),
    trustHost: true,
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: signInPath, verifyRequest: checkEmailPath, error: signInErrorPath },
    providers: [
      Nodemailer({
        id: "nodemailer",
        name: "Email",
        server: env.SMTP_URL ?? "smtp://127.0.0.1:1",
        maxAge: env.signInLinkMinutes * 60,
        // Every sign-in path (the form, and direct posts to /api/auth) stores and mails exactly the
        // address the registry checked: the one normaliser, ASCII domain, or no link at all.
        normalizeIdentifier: normaliseEmailAddressOrThrow,
        // Sends the link directly (never queued); counted by the signIn callback below.
        async sendVerificationRequest({ identifier, url, expires, request }) {
          await sendVerificationRequest(db, { identifier, url, expires, request });
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      // An email link is about to be made: the rate limits count it here, or refuse it (sign-in-gate.ts).
      signIn: ({ account, email }) => (email?.verificationRequest && account?.providerAccountId ? admitSignInLink(db, account.providerAccountId) : true),
      redirect: ({ url, baseUrl }) => sameSitePath(url, [baseUrl, env.siteUrl]),
      session({ session, user }) {
        const role = (user as { siteRole?: string }).siteRole;
        return { ...session, user: { ...session.user, id: user.id, siteRole: role ?? "member" } };
      },
    },
    events: {
      async signIn({ user }) {
        if (user.id && user.email) await applyBootstrapAdmin(db, user.id, user.email, env.adminEmails);
      },
    },
  } satisfies NextAuthConfig;
});
