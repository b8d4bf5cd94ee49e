import "server-only";
import { signAccord } from "@/lib/accord/sign";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { slugify } from "@/lib/orgs/slug";
import type { DbOrTx } from "./client";
import { demoOrganisations } from "./demo-organisations";
import { insertUser } from "./queries/users";

const DAY = 24 * 60 * 60 * 1000;
const signerTitles = ["Chief Executive Officer", "General Counsel", "Chief Information Security Officer", "Chief Technology Officer", "Managing Director"];
const signerNames = ["Ada Example", "Ben Placeholder", "Chidi Sample", "Dana Demo", "Eero Fictional", "Farah Mock"];

/**
 * Demo data goes through the same domain functions as real users (register, prove the domain,
 * sign), so it obeys every rule. Dates are spread over the past year and a half so that lists
 * and charts have something to show; every organisation is flagged `is_demo`.
 */
export async function seedDemoData(db: DbOrTx, options: { count?: number; now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const count = options.count ?? demoOrganisations.length;
  await db.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const demo = demoOrganisations[i % demoOrganisations.length]!;
      const round = Math.floor(i / demoOrganisations.length);
      const name = round === 0 ? demo.name : `${demo.name} ${round + 1}`;
      const domain = `${slugify(name)}.example`;
      const registeredAt = new Date(now.getTime() - (540 - Math.floor((i * 530) / Math.max(count, 1))) * DAY);
      const user = await insertUser(tx, { email: `representative@${domain}`, name: signerNames[i % signerNames.length], emailVerified: registeredAt });
      const org = await registerOrganisation(
        tx,
        { userId: user.id },
        { legalName: `${name} (demo) Ltd`, displayName: name, primaryDomain: domain, country: demo.country, sector: demo.sector, description: demo.description },
        { isDemo: true, now: registeredAt },
      );
      await verifyByEmailDomain(tx, { userId: user.id }, org.id, { now: new Date(registeredAt.getTime() + DAY / 4) });
      await signAccord(
        tx,
        { userId: user.id },
        { organisationId: org.id, signerName: signerNames[i % signerNames.length]!, signerTitle: signerTitles[i % signerTitles.length]! },
        { now: new Date(registeredAt.getTime() + DAY / 2) },
      );
    }
  });
}
