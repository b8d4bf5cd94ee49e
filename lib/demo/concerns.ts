import "server-only";
import type { DbOrTx } from "@/db/client";
import { getDemoConcernTargets, getLatestLedgerTime } from "@/db/queries/concerns";
import { getUserByEmail, insertUser } from "@/db/queries/users";
import { getCurrentSigningText } from "@/lib/accord/sign";
import { admitConcern, declineConcern, resolveConcern, respondToConcern, submitConcern, withdrawConcern } from "@/lib/concerns/concerns";
import { admitConcernSchema, declineConcernSchema, resolveConcernSchema, respondToConcernSchema, submitConcernSchema } from "@/lib/validation/concern";

type Story = {
  statement: string;
  evidence: string[];
  /** Where it ends: the public states, and two that never become public. */
  end: "under_review" | "upheld" | "not_upheld" | "withdrawn" | "declined" | "submitted";
  response?: string;
  outcome?: string;
};

/** Clearly fictional concerns about the fictional demo signatories, one or two in each state. */
const stories: Story[] = [
  {
    statement:
      "A trade publication reported that the company's incident-response team helped a ministry's contractor test access to a rival's network. The company has not commented publicly.",
    evidence: ["https://news.example/2026/contractor-access"],
    end: "under_review",
  },
  {
    statement:
      "The company's new terms of service let it share customer metadata with any government agency on request, without a court order, contrary to its commitment to answer only valid legal process.",
    evidence: ["https://terms-watch.example/diff/2026-03"],
    end: "under_review",
    response:
      "The clause quoted applies to emergency requests involving danger to life only, as section 4.2 states. We will make this explicit in the next revision of the terms and publish the change.",
  },
  {
    statement:
      "Court filings show that the company sold an exploit for an unpatched flaw in its own router firmware to a government agency instead of fixing it for customers.",
    evidence: ["https://court-records.example/case/4711", "https://news.example/router-exploit-sale"],
    end: "upheld",
    response: "We dispute the characterisation but confirm that the sale took place under previous management. The flaw is now patched for all customers.",
    outcome: "The filings and the company's own response confirm the sale of an exploit to a government, contrary to the principle of defence, not offence.",
  },
  {
    statement:
      "The company delayed a security update for customers in one country for six months at the request of that country's government, leaving them exposed to a known attack.",
    evidence: ["https://security-blog.example/delayed-patch"],
    end: "upheld",
    outcome: "The release records show a six-month delay for one country only, and the company gave no other reason for it.",
  },
  {
    statement:
      "A forum post claims the company installs a hidden remote-access tool on devices it ships to public-sector customers so that agencies can use it later.",
    evidence: ["https://forum.example/thread/981"],
    end: "not_upheld",
    response: "An independent lab examined the firmware of the devices concerned and found no such tool; its report is public. We welcome further scrutiny.",
    outcome: "An independent examination of the firmware found no remote-access tool, and the claim rests on one anonymous post.",
  },
  {
    statement:
      "The company's threat-intelligence unit published indicators of a criminal campaign but withheld indicators of a state campaign against journalists that it had also observed.",
    evidence: ["https://press-freedom.example/report-2026"],
    end: "not_upheld",
    outcome:
      "The company published the state campaign's indicators two weeks later, once affected journalists had been warned, as responsible disclosure asks.",
  },
  {
    statement: "The company appears to have shared customer telemetry with a defence ministry as part of a research partnership announced at a trade fair.",
    evidence: ["https://tradefair.example/partners"],
    end: "withdrawn",
  },
  {
    statement: "I do not like this company's prices and their support never answers my emails, which is not what a signatory of an accord should do.",
    evidence: [],
    end: "declined",
  },
  {
    statement:
      "A recent job advertisement from the company seeks engineers to build offensive capabilities for a government customer, which contradicts its signature of the accord.",
    evidence: ["https://jobs.example/listing/5521"],
    end: "submitted",
  },
];

/**
 * Demo concerns, raised, moderated, answered and decided through the same domain functions as
 * people use (lib/concerns), by fictional people and the demo moderator. They are appended after
 * the rest of the demo's history, so they are dated between its newest ledger entry and now (the
 * log's times never go backwards, as a reader of a tamper-evident log expects). Needs ten listed
 * demo signatories; with fewer it seeds none.
 */
export async function seedDemoConcerns(db: DbOrTx, options: { now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  await db.transaction(async (tx) => {
    const targets = await getDemoConcernTargets(tx, 40);
    const moderator = await getUserByEmail(tx, "moderator@registry.example");
    const current = await getCurrentSigningText(tx);
    if (targets.length < 10 || !moderator || !current) return;
    const principles = current.snapshot.principles.map((p) => p.slug);
    // Every step at base + k units, k < 200: strictly after the newest entry, never after now.
    const base = Math.min((await getLatestLedgerTime(tx))?.getTime() ?? now.getTime() - 3_600_000, now.getTime() - 1);
    const unit = (now.getTime() - base) / 200;
    let n = 0;
    for (const [i, story] of stories.entries()) {
      // Spread over the demo: the suspended signatory among them if there is one.
      const target = targets[(i * 4 + 1) % targets.length]!;
      const submitter = await insertUser(tx, { email: `concerned-${++n}@people.example`, emailVerified: now });
      const start = new Date(base + (i * 20 + 1) * unit);
      const at = (steps: number) => new Date(start.getTime() + steps * unit);
      const concern = await submitConcern(
        tx,
        { userId: submitter.id },
        submitConcernSchema.parse({
          organisation: target.slug,
          principle: principles[(i * 2) % principles.length],
          statement: story.statement,
          evidenceLinks: story.evidence.join("\n"),
        }),
        { now: start },
      );
      if (story.end === "submitted") continue;
      if (story.end === "declined") {
        await declineConcern(
          tx,
          { userId: moderator.id },
          declineConcernSchema.parse({ concernId: concern.id, reason: "This is about customer service, not conduct the accord covers." }),
          { now: at(2) },
        );
        continue;
      }
      await admitConcern(
        tx,
        { userId: moderator.id },
        admitConcernSchema.parse({ concernId: concern.id, statement: story.statement, evidenceLinks: story.evidence.join("\n") }),
        { now: at(2) },
      );
      if (story.response) {
        await respondToConcern(tx, { userId: target.ownerId }, respondToConcernSchema.parse({ concernId: concern.id, response: story.response }), {
          now: at(5),
        });
      }
      if (story.end === "withdrawn") await withdrawConcern(tx, { userId: submitter.id }, { concernId: concern.id }, { now: at(4) });
      if ((story.end === "upheld" || story.end === "not_upheld") && story.outcome) {
        await resolveConcern(tx, { userId: moderator.id }, resolveConcernSchema.parse({ concernId: concern.id, outcome: story.end, reason: story.outcome }), {
          now: at(8),
        });
      }
    }
  });
}
