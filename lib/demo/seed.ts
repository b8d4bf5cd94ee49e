import "server-only";
import type { DbOrTx } from "@/db/client";
import { getCommitmentsForOrganisation } from "@/db/queries/commitments";
import { insertUser, setUserSiteRole } from "@/db/queries/users";
import { getCurrentSigningText, signAccord, withdrawSignature } from "@/lib/accord/sign";
import { createCommitment } from "@/lib/commitments/commitments";
import { moderateOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { slugify } from "@/lib/orgs/slug";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { publishReport } from "@/lib/reports/reports";
import { demoCommitmentsFor, demoReportNarratives } from "./commitments";
import { demoOrganisations } from "./organisations";

const DAY = 24 * 60 * 60 * 1000;
const signerTitles = ["Chief Executive Officer", "General Counsel", "Chief Information Security Officer", "Chief Technology Officer", "Managing Director"];
const signerNames = ["Ada Example", "Ben Placeholder", "Chidi Sample", "Dana Demo", "Eero Fictional", "Farah Mock"];

type Step = { at: Date; run: () => Promise<unknown> };

/**
 * Demo data goes through the same domain functions as real users (register, prove the domain,
 * sign, commit, report, withdraw, moderate), so it obeys every rule and the demo log is real.
 * The steps are spread over the past year and a half and run in time order, so the log reads as a
 * history; every organisation is flagged `is_demo`.
 */
export async function seedDemoData(db: DbOrTx, options: { count?: number; now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const count = options.count ?? demoOrganisations.length;
  await db.transaction(async (tx) => {
    const current = await getCurrentSigningText(tx);
    if (!current) throw new Error("the accord must be imported before the demo data");
    const principles = current.snapshot.principles.map((p) => p.slug);
    const moderator = await insertUser(tx, { email: "moderator@registry.example", name: "Demo Moderator", emailVerified: now });
    await setUserSiteRole(tx, moderator.id, "moderator");

    const steps: Step[] = [];
    for (let i = 0; i < count; i++) {
      const demo = demoOrganisations[i % demoOrganisations.length]!;
      const round = Math.floor(i / demoOrganisations.length);
      const name = round === 0 ? demo.name : `${demo.name} ${round + 1}`;
      const domain = `${slugify(name)}.example`;
      const registeredAt = new Date(now.getTime() - (540 - Math.floor((i * 530) / Math.max(count, 1))) * DAY);
      const signedAt = new Date(registeredAt.getTime() + DAY / 2);
      const signer = { signerName: signerNames[i % signerNames.length]!, signerTitle: signerTitles[i % signerTitles.length]! };
      const user = await insertUser(tx, { email: `representative@${domain}`, name: signer.signerName, emailVerified: registeredAt });
      const actor = { userId: user.id };
      let organisationId = "";
      let slug = "";
      const withdraws = count >= 10 && (i === 5 || i === count - 4);
      const suspended = count >= 10 && i === 9;

      steps.push({
        at: registeredAt,
        run: async () => {
          const org = await registerOrganisation(
            tx,
            actor,
            {
              legalName: `${name} (demo) Ltd`,
              displayName: name,
              primaryDomain: domain,
              country: demo.country,
              sector: demo.sector,
              description: demo.description,
            },
            { isDemo: true, now: registeredAt },
          );
          organisationId = org.id;
          slug = org.slug;
          await verifyByEmailDomain(tx, actor, org.id, { now: new Date(registeredAt.getTime() + DAY / 4) });
        },
      });
      steps.push({
        at: signedAt,
        run: () => signAccord(tx, actor, { organisationId, version: current.version.number, ...signer, affirmed: principles }, { now: signedAt }),
      });

      for (const { at, contentFor } of demoCommitmentsFor({ i, principles, signedAt, now })) {
        steps.push({ at, run: () => createCommitment(tx, actor, { organisationId, ...contentFor({ domain, slug }) }, { now: at }) });
      }

      // Most who signed over a year ago reported; every third did not, and shows as overdue.
      const reportAt = new Date(signedAt.getTime() + 350 * DAY);
      if (reportAt < now && i % 3 !== 0 && !withdraws && !suspended) {
        steps.push({
          at: reportAt,
          run: async () => {
            const commitments = await getCommitmentsForOrganisation(tx, organisationId);
            const items = commitments.map((c, k) => ({
              commitmentId: c.id,
              status: k === 0 ? ("achieved" as const) : c.status,
              note: k === 0 ? "Done and verified internally." : "",
            }));
            return publishReport(
              tx,
              actor,
              { organisationId, year: reportAt.getUTCFullYear(), narrative: demoReportNarratives[i % demoReportNarratives.length]!, items },
              { now: reportAt },
            );
          },
        });
      }

      if (withdraws) {
        const at = new Date(signedAt.getTime() + 60 * DAY < now.getTime() ? signedAt.getTime() + 60 * DAY : now.getTime() - DAY / 2);
        steps.push({
          at,
          run: () =>
            withdrawSignature(
              tx,
              actor,
              { organisationId, reason: "Our company was acquired and the new owner has not yet reviewed the accord; we withdraw until it has." },
              { now: at },
            ),
        });
      }
      if (suspended) {
        const at = new Date(signedAt.getTime() + 120 * DAY);
        steps.push({
          at,
          run: () =>
            moderateOrganisation(
              tx,
              { userId: moderator.id },
              {
                organisationId,
                change: "suspend",
                reason: "Credible public reporting that the company sold intrusion software to a government; suspended while we ask it to respond.",
              },
              { now: at },
            ),
        });
      }
    }
    // Stable sort: steps of one organisation at the same instant keep their order.
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const step of steps) await step.run();
  });
}
