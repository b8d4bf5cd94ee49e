import type { Commitment } from "@/db/schema";

type Template = Pick<Commitment, "title" | "description"> & { evidence: string[] };

const DAY = 24 * 60 * 60 * 1000;

export const demoCommitmentStatuses = ["planned", "in_progress", "achieved"] as const;

/**
 * The commitments the i-th demo signatory registers: 2–5, under different principles, in the
 * weeks after signing (none after `now`). The story both seeding paths tell (lib/demo/seed.ts
 * through the domain functions, lib/demo/plan.ts in bulk), from one place. The content waits for
 * the organisation's address: the sequential seed learns its slug only when it registers.
 */
export function demoCommitmentsFor({ i, principles, signedAt, now }: { i: number; principles: readonly string[]; signedAt: Date; now: Date }) {
  const planned = [];
  const howMany = 2 + (i % 4);
  for (let c = 0; c < howMany; c++) {
    const principle = principles[(i + c * 3) % principles.length]!;
    const template = demoCommitments[principle]?.[(i + c) % 2];
    if (!template) continue;
    const at = new Date(signedAt.getTime() + (c + 1) * 3 * DAY);
    if (at > now) continue;
    planned.push({
      at,
      contentFor: ({ domain, slug }: { domain: string; slug: string }) => ({
        principle,
        title: template.title,
        description: template.description,
        status: demoCommitmentStatuses[(i + c) % demoCommitmentStatuses.length]!,
        targetDate: new Date(signedAt.getTime() + 400 * DAY).toISOString().slice(0, 10),
        evidenceLinks: template.evidence.map((e) => e.replace("{domain}", domain).replace("{slug}", slug)),
      }),
    });
  }
  return planned;
}

/** Plausible commitments per principle, written for the demo; links point at reserved `.example` hosts. */
export const demoCommitments: Record<string, Template[]> = {
  "defence-not-offence": [
    {
      title: "No offensive tooling contracts",
      description:
        "We decline every contract to build, sell or maintain intrusion tools, exploits or implants.\n\nOur sales policy says so, and the board reviews exceptions requested by sales: so far there have been none.",
      evidence: ["https://policy.{domain}/offensive-tooling"],
    },
    {
      title: "Security budget ring-fenced for defence",
      description: "At least 10% of engineering time goes to hardening our own products and infrastructure.",
      evidence: [],
    },
  ],
  "protect-every-customer": [
    {
      title: "Same patches for every market",
      description: "Security fixes ship to every customer in every country on the same day, whatever their contract or nationality.",
      evidence: ["https://status.{domain}/patch-policy"],
    },
    {
      title: "Notify customers targeted by state actors",
      description: "When we have reason to believe a government-backed attacker targets a customer, we tell them and offer help.",
      evidence: [],
    },
  ],
  "no-attacks-on-civilians": [
    {
      title: "No help attacking hospitals, water or power",
      description: "We refuse requests from any government, our own included, to weaken systems that run health care, water, power or elections.",
      evidence: [],
    },
    {
      title: "Election infrastructure hardening",
      description: "Free security reviews for election authorities that use our products, before every national vote.",
      evidence: ["https://{domain}/elections"],
    },
  ],
  "lawful-process-only": [
    {
      title: "Publish a transparency report twice a year",
      description: "Every government request we receive is counted, by country and type, and published with what we did about it.",
      evidence: ["https://transparency.{domain}/reports"],
    },
    {
      title: "Challenge overbroad requests in court",
      description: "Legal reviews each request; those that overreach are narrowed or challenged before a judge.",
      evidence: [],
    },
  ],
  "empower-defenders": [
    {
      title: "Free security keys for at-risk users",
      description: "Journalists, human-rights defenders and election workers get hardware security keys at no cost.",
      evidence: [],
    },
    {
      title: "Open-source our detection rules",
      description: "The detection rules we write for our own services are published under an open licence for others to use.",
      evidence: ["https://github.example/{slug}/detections"],
    },
  ],
  "coordinated-disclosure": [
    {
      title: "Run a public vulnerability disclosure programme",
      description: "A security.txt, a safe-harbour policy and a 90-day disclosure deadline for every product we sell.",
      evidence: ["https://{domain}/.well-known/security.txt"],
    },
    {
      title: "Share indicators with national CERTs",
      description: "Indicators of compromise from incidents we handle are shared with the relevant CERTs within 72 hours.",
      evidence: [],
    },
  ],
  accountability: [
    {
      title: "Independent audit of this pledge",
      description: "An external auditor checks our reports against our records every two years and publishes a summary.",
      evidence: [],
    },
    {
      title: "Name an executive accountable for the accord",
      description: "One board-level executive answers publicly for our commitments and signs our yearly report.",
      evidence: [],
    },
  ],
};

export const demoReportNarratives = [
  "This year we moved every product line onto the same patch schedule and published our first transparency report. We also trained all engineering teams on secure design; the slowest part was renegotiating two legacy contracts that allowed delayed fixes for some markets.",
  "We kept every commitment on track. The disclosure programme received 41 reports, all acknowledged within two working days; three government requests were narrowed after legal review and one was challenged successfully in court.",
  "Progress was uneven: the free security key programme reached fewer people than planned because of shipping restrictions, while detection rules were open-sourced ahead of schedule and are now used by two national CERTs.",
];
