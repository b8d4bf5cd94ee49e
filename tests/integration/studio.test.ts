import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAccordVersion, getLatestAccordVersion } from "@/db/queries/accord";
import { getLedgerSize } from "@/db/queries/ledger";
import { getSignatureHistory } from "@/db/queries/signatures";
import { getStudioDocument, getStudioDocuments, getStudioEvents, getStudioRevisions } from "@/db/queries/studio";
import { getPage, getPreamble, getPrinciple, getPrinciples, getShippedDocuments } from "@/lib/accord/content";
import { signAccord } from "@/lib/accord/sign";
import { accordSnapshotOf, getShippedAccordSnapshot, hashAccordSnapshot, parseAccordSnapshot } from "@/lib/accord/version";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { splitSource } from "@/lib/studio/document";
import { createPrinciple, discardDraft, proposeRemoval, saveDraft } from "@/lib/studio/drafts";
import { kindOfKey, principleKey } from "@/lib/studio/keys";
import { previewDocument } from "@/lib/studio/preview";
import { publishDocument } from "@/lib/studio/publish";
import { approveReview, requestReview, returnReview } from "@/lib/studio/review";
import { importShippedContent } from "@/lib/studio/shipped";
import { getStudioEditorView, getStudioOverview } from "@/lib/studio/view";
import { publishSchema } from "@/lib/validation/studio";
import type { DraftFields } from "@/lib/validation/studio";
import { fullSignInput } from "../support/signing";
import { loggedEvent, person, refusal, refusalMessage } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

/** The document as an editor's browser would hold it: its form fields, body and draft revision. */
async function open(db: Db, key: string) {
  const doc = (await getStudioDocument(db, key))!;
  const source = doc.state !== "published" && doc.draftSource !== null ? doc.draftSource : doc.publishedSource!;
  return { ...splitSource(kindOfKey(key), source), revision: doc.draftRevision };
}

/** Saves an edit of the document's current text, and returns the new draft revision. */
async function edit(db: Db, userId: string, key: string, change: (doc: { fields: DraftFields; body: string }) => { fields?: DraftFields; body?: string }) {
  const current = await open(db, key);
  const next = change(current);
  const saved = await saveDraft(
    db,
    { userId },
    { key, baseRevision: current.revision, fields: { ...current.fields, ...next.fields }, body: next.body ?? current.body },
  );
  expect(saved.status).toBe("saved");
  return (saved as { revision: number }).revision;
}

const changelog = "Clarify what the principle asks of signatories in practice.";

describe.each(drivers)("the policy studio on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let contentDir: string;
  let db: Db;
  let editor: { id: string };
  let second: { id: string };
  let admin: { id: string };
  let member: { id: string };
  let moderator: { id: string };

  beforeAll(async () => {
    // A copy of content/, so a test can play the part of a later release that changes it.
    contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-content-"));
    fs.cpSync(path.join(process.cwd(), "content"), contentDir, { recursive: true });
    process.env.CONTENT_DIR = contentDir;
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await getReadyDatabase();
    editor = await person(db, "editor@registry.test", "editor");
    second = await person(db, "second-editor@registry.test", "editor");
    admin = await person(db, "admin@registry.test", "admin");
    member = await person(db, "member@registry.test");
    moderator = await person(db, "moderator@registry.test", "moderator");
  });
  afterAll(async () => {
    await cleanup();
    delete process.env.CONTENT_DIR;
    fs.rmSync(contentDir, { recursive: true, force: true });
  });

  it("imports the shipped content on first start: every document published as revision 1, the accord as version 1", async () => {
    const docs = await getStudioDocuments(db);
    const shipped = await getShippedDocuments();
    expect(docs.map((d) => d.key).sort()).toEqual(shipped.map((s) => s.key).sort());
    for (const doc of docs) {
      expect(doc).toMatchObject({ state: "published", publishedRevision: 1, draftSource: null, removedAt: null });
      expect(doc.publishedSource).toBe(shipped.find((s) => s.key === doc.key)!.document.source);
      const [revision] = await getStudioRevisions(db, doc.key);
      expect(revision).toMatchObject({ revision: 1, origin: "release", accordVersion: doc.kind === "page" ? null : 1 });
    }
    const version = (await getLatestAccordVersion(db))!;
    expect(version.number).toBe(1);
    expect(version.contentHash).toBe(hashAccordSnapshot(await getShippedAccordSnapshot()));
    // The public readers serve the same text from the database.
    expect(accordSnapshotOf(await getPreamble(), await getPrinciples())).toEqual(await getShippedAccordSnapshot());
    expect((await getPage("about")).source).toBe(shipped.find((s) => s.key === "about")!.document.source);
    // A second start imports nothing again.
    expect(await importShippedContent(db)).toEqual({ firstImport: false, drafts: [] });
  });

  it("refuses members, moderators and anonymous callers in the data layer, and changes nothing", async () => {
    const key = principleKey("accountability");
    const before = { doc: await getStudioDocument(db, key), ledger: await getLedgerSize(db) };
    const current = await open(db, key);
    // Thunks: each call starts only when its refusal is awaited.
    const attempts = (actor: { userId: string } | null): (() => Promise<unknown>)[] => [
      () => saveDraft(db, actor, { key, baseRevision: current.revision, fields: current.fields, body: `${current.body}\nInjected.\n` }),
      () => publishDocument(db, actor, { key, draftRevision: current.revision, changelog }, { requireReview: false }),
      () => requestReview(db, actor, { key, draftRevision: current.revision, changelog }),
      () => approveReview(db, actor, { key, draftRevision: current.revision }),
      () => returnReview(db, actor, { key, draftRevision: current.revision, comment: "Not like this, please." }),
      () => discardDraft(db, actor, { key, draftRevision: current.revision }),
      () => proposeRemoval(db, actor, { key, draftRevision: current.revision }),
      () => createPrinciple(db, actor, { slug: "sneaky", title: "Sneaky", summary: "Should never exist.", number: 1 }),
      () => previewDocument(db, actor, { key, fields: current.fields, body: current.body }),
      () => getStudioOverview(db, actor),
      () => getStudioEditorView(db, actor, key),
    ];
    for (const attempt of attempts({ userId: member.id })) expect(await refusal(attempt())).toBe("forbidden");
    for (const attempt of attempts({ userId: moderator.id })) expect(await refusal(attempt())).toBe("forbidden");
    for (const attempt of attempts({ userId: "no-such-user" })) expect(await refusal(attempt())).toBe("forbidden");
    for (const attempt of attempts(null)) expect(await refusal(attempt())).toBe("unauthenticated");
    expect(await getStudioDocument(db, key)).toEqual(before.doc);
    expect(await getStudioDocument(db, principleKey("sneaky"))).toBeNull();
    expect(await getLedgerSize(db)).toBe(before.ledger);
  });

  it("saves drafts with optimistic locking: a stale save is a conflict carrying the saved text, and writes nothing", async () => {
    const key = "faq";
    const start = await open(db, key);
    // Both editors open the same revision; the first save wins.
    const first = await saveDraft(
      db,
      { userId: editor.id },
      { key, baseRevision: start.revision, fields: start.fields, body: `${start.body}\nFirst editor's sentence.\n` },
    );
    expect(first).toMatchObject({ status: "saved", state: "draft", revision: start.revision + 1 });
    const second_ = await saveDraft(
      db,
      { userId: second.id },
      { key, baseRevision: start.revision, fields: start.fields, body: `${start.body}\nSecond editor's sentence.\n` },
    );
    expect(second_.status).toBe("conflict");
    if (second_.status !== "conflict") return;
    expect(second_.current.revision).toBe(start.revision + 1);
    expect(second_.current.source).toContain("First editor's sentence.");
    expect(second_.current.updatedBy).toBe(editor.id);
    const stored = (await getStudioDocument(db, key))!;
    expect(stored.draftSource).toContain("First editor's sentence.");
    expect(stored.draftSource).not.toContain("Second editor's sentence.");
    // Having seen the conflict, the second editor may save on top of the newer revision.
    const resolved = await saveDraft(
      db,
      { userId: second.id },
      { key, baseRevision: second_.current.revision, fields: start.fields, body: `${start.body}\nSecond editor's sentence.\n` },
    );
    expect(resolved).toMatchObject({ status: "saved", revision: start.revision + 2 });
    // Saving the published text again is no draft at all.
    const back = await saveDraft(db, { userId: second.id }, { key, baseRevision: start.revision + 2, fields: start.fields, body: start.body });
    expect(back).toMatchObject({ status: "saved", state: "published" });
    expect((await getStudioDocument(db, key))!.draftSource).toBeNull();
  });

  it("refuses unsafe MDX with its line before compiling, previewing, sending for review or publishing", async () => {
    const key = principleKey("empower-defenders");
    const ledger = await getLedgerSize(db);
    const version = (await getLatestAccordVersion(db))!.number;
    const current = await open(db, key);
    const hostile = `${current.body}\n<iframe src="https://attacker.example/"></iframe>\n\nexport const stolen = globalThis.process;\n`;
    const preview = await previewDocument(db, { userId: editor.id }, { key, fields: current.fields, body: hostile });
    expect(preview.ok).toBe(false);
    if (preview.ok) return;
    expect(preview.problems.length).toBeGreaterThanOrEqual(1);
    const bodyLines = hostile.split("\n");
    for (const problem of preview.problems) {
      expect(problem.bodyLine).toBeGreaterThan(0);
      expect(bodyLines[problem.bodyLine! - 1]).toMatch(/iframe|export/);
    }
    // The draft itself is kept (nothing typed is lost), but it can go no further.
    const revision = await edit(db, editor.id, key, () => ({ body: hostile }));
    expect(await refusalMessage(publishDocument(db, { userId: editor.id }, { key, draftRevision: revision, changelog }, { requireReview: false }))).toMatch(
      /cannot be published until it is fixed: line \d+/,
    );
    expect(await refusal(requestReview(db, { userId: editor.id }, { key, draftRevision: revision, changelog }))).toBe("invalid");
    expect(await getLedgerSize(db)).toBe(ledger);
    expect((await getLatestAccordVersion(db))!.number).toBe(version);
    expect((await getPrinciple("empower-defenders"))!.principle.body).not.toContain("attacker.example");
    await discardDraft(db, { userId: editor.id }, { key, draftRevision: revision });
    const discarded = await getStudioEvents(db, key);
    expect(discarded[0]).toMatchObject({ action: "draft.discarded", actorId: editor.id });
    expect(discarded[0]!.source).toContain("attacker.example");
  });

  it("previews the editor's text with the public compile pipeline, and names compile errors by line", async () => {
    const key = principleKey("accountability");
    const current = await open(db, key);
    const ok = await previewDocument(db, { userId: editor.id }, { key, fields: current.fields, body: `${current.body}\nA previewed sentence.\n` });
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.code).toContain("A previewed sentence.");
    const broken = await previewDocument(db, { userId: editor.id }, { key, fields: { ...current.fields, title: "" }, body: current.body });
    expect(broken).toMatchObject({ ok: false, problems: [{ field: "title" }] });
    const unclosed = await previewDocument(db, { userId: editor.id }, { key, fields: current.fields, body: "Intro.\n\n<Callout>\n\nnever closed\n" });
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.problems[0]).toMatchObject({ bodyLine: 3 });
  });

  it("publishing a principle change makes version 2: snapshot, hash, changelog, editor, ledger entry; version 1 signatures stay valid", async () => {
    const owner = await person(db, "owner@studio-signer.test");
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: "Studio Signer Ltd", displayName: "Studio Signer", primaryDomain: "studio-signer.test", country: "FR", sector: "software" },
    );
    await verifyByEmailDomain(db, { userId: owner.id }, org.id);
    await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive" }));
    const previous = (await getLatestAccordVersion(db))!;
    const ledger = await getLedgerSize(db);

    const key = principleKey("coordinated-disclosure");
    const revision = await edit(db, editor.id, key, (doc) => ({
      body: doc.body.replace("## What this means", "Disclosure protects everyone who runs the software.\n\n## What this means"),
    }));
    const published = await publishDocument(db, { userId: editor.id }, { key, draftRevision: revision, changelog }, { requireReview: false });

    const version = published.version!;
    expect(version).toMatchObject({ number: previous.number + 1, changelog, publishedBy: editor.id });
    const snapshot = parseAccordSnapshot(version.content);
    expect(version.contentHash).toBe(hashAccordSnapshot(snapshot));
    expect(snapshot).toEqual(accordSnapshotOf(await getPreamble(), await getPrinciples()));
    expect(snapshot.principles.find((p) => p.slug === "coordinated-disclosure")!.body).toContain("Disclosure protects everyone who runs the software.");
    expect(await getLedgerSize(db)).toBe(ledger + 1);
    expect(await loggedEvent(db, ledger)).toEqual({
      kind: "accord.published",
      at: version.publishedAt.toISOString(),
      version: version.number,
      contentHash: version.contentHash,
      changelog,
    });
    expect((await getStudioRevisions(db, key))[0]).toMatchObject({
      revision: 2,
      accordVersion: version.number,
      publishedBy: editor.id,
      requestedBy: null,
      changelog,
    });
    expect((await getStudioDocument(db, key))!).toMatchObject({ state: "published", draftSource: null, publishedRevision: 2 });
    expect((await getPrinciple("coordinated-disclosure"))!.principle.body).toContain("Disclosure protects everyone who runs the software.");

    // The old version is untouched, and the signature on it still matches its hash.
    expect(await getAccordVersion(db, previous.number)).toEqual(previous);
    const [signature] = await getSignatureHistory(db, org.id);
    expect(signature).toMatchObject({ accordVersion: previous.number, contentHash: previous.contentHash, withdrawnAt: null });
    // Re-affirming signs the new version.
    const reaffirmed = await signAccord(
      db,
      { userId: owner.id },
      await fullSignInput(db, org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive" }),
    );
    expect(reaffirmed).toMatchObject({ reaffirmation: true, signature: { accordVersion: version.number, contentHash: version.contentHash } });
  });

  it("publishes a page as a new revision without a new accord version or ledger entry", async () => {
    const version = (await getLatestAccordVersion(db))!.number;
    const ledger = await getLedgerSize(db);
    const revision = await edit(db, admin.id, "about", (doc) => ({ fields: { ...doc.fields, title: "About this registry" } }));
    const published = await publishDocument(
      db,
      { userId: admin.id },
      { key: "about", draftRevision: revision, changelog: "A clearer title for the about page." },
      { requireReview: false },
    );
    expect(published).toMatchObject({ key: "about", revision: 2, version: null });
    expect((await getPage("about")).frontmatter.title).toBe("About this registry");
    expect((await getLatestAccordVersion(db))!.number).toBe(version);
    expect(await getLedgerSize(db)).toBe(ledger);
  });

  it("validates the changelog (10 to 500 characters) and refuses publishing nothing or a stale revision", async () => {
    expect(publishSchema.safeParse({ key: "faq", draftRevision: "1", changelog: "too short" }).success).toBe(false);
    expect(publishSchema.safeParse({ key: "faq", draftRevision: "1", changelog: "x".repeat(501) }).success).toBe(false);
    expect(publishSchema.safeParse({ key: "../etc/passwd", draftRevision: "1", changelog }).success).toBe(false);
    expect(publishSchema.safeParse({ key: "faq", draftRevision: "1", changelog: "  Exactly ok.  " }).data?.changelog).toBe("Exactly ok.");
    const faq = await open(db, "faq");
    expect(await refusal(publishDocument(db, { userId: editor.id }, { key: "faq", draftRevision: faq.revision, changelog }, { requireReview: false }))).toBe(
      "conflict",
    );
    const revision = await edit(db, editor.id, "faq", (doc) => ({ body: `${doc.body}\nOne more answer.\n` }));
    expect(await refusal(publishDocument(db, { userId: editor.id }, { key: "faq", draftRevision: revision - 1, changelog }, { requireReview: false }))).toBe(
      "conflict",
    );
    await discardDraft(db, { userId: editor.id }, { key: "faq", draftRevision: revision });
  });

  it("adds a principle at a position, renumbering the others so the accord stays 1..n", async () => {
    const before = (await getPrinciples()).map((p) => p.frontmatter.slug);
    const created = await createPrinciple(
      db,
      { userId: editor.id },
      { slug: "protect-elections", title: "Protect elections", summary: "Signatories defend the systems that elections run on.", number: 2 },
    );
    expect(created).toMatchObject({ state: "draft", publishedSource: null });
    // Nothing public changes while it is a draft.
    expect((await getPrinciples()).map((p) => p.frontmatter.slug)).toEqual(before);
    expect(await refusal(createPrinciple(db, { userId: editor.id }, { slug: "protect-elections", title: "Again", summary: "Duplicate.", number: 2 }))).toBe(
      "conflict",
    );
    expect(
      await refusal(createPrinciple(db, { userId: editor.id }, { slug: "too-far", title: "Too far", summary: "Beyond the end.", number: before.length + 2 })),
    ).toBe("invalid");

    const key = principleKey("protect-elections");
    const revision = await edit(db, editor.id, key, () => ({
      body: "Elections are civilian infrastructure.\n\n## Signatories commit to\n\n<CommitmentList>\n\n- We will defend election systems.\n\n</CommitmentList>\n",
    }));
    const { version } = await publishDocument(
      db,
      { userId: editor.id },
      { key, draftRevision: revision, changelog: "Add a principle on protecting elections." },
      { requireReview: false },
    );
    const principles = await getPrinciples();
    expect(principles.map((p) => p.frontmatter.slug)).toEqual([before[0], "protect-elections", ...before.slice(1)]);
    expect(principles.map((p) => p.frontmatter.number)).toEqual(principles.map((_, i) => i + 1));
    expect(parseAccordSnapshot(version!.content).principles.map((p) => [p.number, p.slug])).toEqual(
      principles.map((p) => [p.frontmatter.number, p.frontmatter.slug]),
    );
    // A shifted principle has a revision recording its new number, tied to the same version.
    const [shifted] = await getStudioRevisions(db, principleKey(before[1]!));
    expect(shifted).toMatchObject({ accordVersion: version!.number, changelog: "Add a principle on protecting elections." });
    expect(shifted!.source).toMatch(/^number: 3$/m);
  });

  it("reorders and removes principles by publishing, keeping 1..n; out-of-range numbers and slug changes are refused", async () => {
    const key = principleKey("protect-elections");
    const count = (await getPrinciples()).length;
    let revision = await edit(db, editor.id, key, (doc) => ({ fields: { ...doc.fields, number: String(count + 1) } }));
    expect(await refusalMessage(publishDocument(db, { userId: editor.id }, { key, draftRevision: revision, changelog }, { requireReview: false }))).toMatch(
      /number/,
    );
    revision = await edit(db, editor.id, key, (doc) => ({ fields: { ...doc.fields, number: "3", slug: "renamed" } }));
    expect(await refusalMessage(publishDocument(db, { userId: editor.id }, { key, draftRevision: revision, changelog }, { requireReview: false }))).toMatch(
      /slug/,
    );
    revision = await edit(db, editor.id, key, (doc) => ({ fields: { ...doc.fields, slug: "protect-elections", number: String(count) } }));
    const moved = await publishDocument(
      db,
      { userId: editor.id },
      { key, draftRevision: revision, changelog: "Move the elections principle to the end." },
      { requireReview: false },
    );
    expect(moved.version).not.toBeNull();
    let principles = await getPrinciples();
    expect(principles.at(-1)!.frontmatter.slug).toBe("protect-elections");
    expect(principles.map((p) => p.frontmatter.number)).toEqual(principles.map((_, i) => i + 1));

    // Removal is proposed as a draft, and published like any change.
    const current = await open(db, key);
    await proposeRemoval(db, { userId: editor.id }, { key, draftRevision: current.revision });
    expect((await getPrinciples()).length).toBe(count);
    const proposal = await open(db, key);
    const removed = await publishDocument(
      db,
      { userId: second.id },
      { key, draftRevision: proposal.revision, changelog: "Fold the elections principle back into principle 3." },
      { requireReview: false },
    );
    principles = await getPrinciples();
    expect(principles.map((p) => p.frontmatter.slug)).not.toContain("protect-elections");
    expect(principles.map((p) => p.frontmatter.number)).toEqual(principles.map((_, i) => i + 1));
    expect(parseAccordSnapshot(removed.version!.content).principles).toHaveLength(count - 1);
    expect(await getPrinciple("protect-elections")).toBeNull();
    expect((await getStudioRevisions(db, key))[0]).toMatchObject({ source: null, accordVersion: removed.version!.number });
    // A removed principle cannot be edited, but can be created again.
    expect(await refusal(saveDraft(db, { userId: editor.id }, { key, baseRevision: (await open(db, key)).revision, fields: {}, body: "x" }))).toBe("conflict");
  });

  it("with review required: publishing is refused, a second editor approves, the requester cannot approve their own change", async () => {
    const key = principleKey("lawful-process-only");
    const revision = await edit(db, editor.id, key, (doc) => ({ body: `${doc.body}\nReviewed sentence.\n` }));
    expect(await refusal(publishDocument(db, { userId: editor.id }, { key, draftRevision: revision, changelog }, { requireReview: true }))).toBe("forbidden");
    await requestReview(db, { userId: editor.id }, { key, draftRevision: revision, changelog });
    let doc = (await getStudioDocument(db, key))!;
    expect(doc).toMatchObject({ state: "review", reviewRequestedBy: editor.id, reviewChangelog: changelog });
    // Nobody edits a change under review, and nobody approves a text they did not see.
    expect(
      await refusal(
        saveDraft(db, { userId: second.id }, { key, baseRevision: doc.draftRevision, fields: (await open(db, key)).fields, body: "Changed under review." }),
      ),
    ).toBe("conflict");
    expect(await refusal(approveReview(db, { userId: second.id }, { key, draftRevision: doc.draftRevision - 1 }))).toBe("conflict");
    expect(await refusalMessage(approveReview(db, { userId: editor.id }, { key, draftRevision: doc.draftRevision }))).toMatch(/two-person rule/);
    expect(await refusal(approveReview(db, { userId: member.id }, { key, draftRevision: doc.draftRevision }))).toBe("forbidden");

    // Sent back with a comment, revised, asked again, approved by the second editor.
    await returnReview(db, { userId: second.id }, { key, draftRevision: doc.draftRevision, comment: "Say which courts count." });
    doc = (await getStudioDocument(db, key))!;
    expect(doc).toMatchObject({ state: "draft", returnComment: "Say which courts count.", returnedBy: second.id, reviewRequestedBy: null });
    const revised = await edit(db, editor.id, key, (d) => ({ body: `${d.body}\nIndependent courts only.\n` }));
    await requestReview(db, { userId: editor.id }, { key, draftRevision: revised, changelog });
    doc = (await getStudioDocument(db, key))!;
    const ledger = await getLedgerSize(db);
    const approved = await approveReview(db, { userId: second.id }, { key, draftRevision: doc.draftRevision });
    expect(approved.version).toMatchObject({ publishedBy: second.id, changelog });
    expect(await getLedgerSize(db)).toBe(ledger + 1);
    expect((await getStudioRevisions(db, key))[0]).toMatchObject({ requestedBy: editor.id, publishedBy: second.id });
    expect((await getStudioEvents(db, key)).map((e) => e.action)).toEqual(["review.approved", "review.requested", "review.returned", "review.requested"]);
    expect((await getPrinciple("lawful-process-only"))!.principle.body).toContain("Independent courts only.");
  });

  it("the editor's view tells a reviewer whether they may approve", async () => {
    const key = "join";
    const revision = await edit(db, second.id, key, (doc) => ({ body: `${doc.body}\nA note for new members.\n` }));
    await requestReview(db, { userId: admin.id }, { key, draftRevision: revision, changelog: "A short note for new members joining." });
    expect((await getStudioEditorView(db, { userId: admin.id }, key))!.approval).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/asked for this review/),
    });
    expect((await getStudioEditorView(db, { userId: second.id }, key))!.approval).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/one of its authors/),
    });
    const view = (await getStudioEditorView(db, { userId: editor.id }, key))!;
    expect(view.approval.allowed).toBe(true);
    expect(JSON.stringify(await getStudioOverview(db, { userId: editor.id }))).toContain('"state":"review"');
    await approveReview(db, { userId: editor.id }, { key, draftRevision: view.draftRevision });
    expect((await getPage("join")).body).toContain("A note for new members.");
  });

  it("every editor who changed a draft since its last publication is an author, and no author approves it", async () => {
    const key = "about";
    const third = await person(db, "third-editor@registry.test", "editor");
    const at = (minute: number) => ({ now: new Date(Date.UTC(2026, 0, 5, 9, minute)) });
    // A writes the change; B makes a trivial edit (one word); A asks for review.
    let current = await open(db, key);
    let saved = await saveDraft(
      db,
      { userId: editor.id },
      { key, baseRevision: current.revision, fields: current.fields, body: `${current.body}\nEditors A and B wrote this.\n` },
      at(1),
    );
    current = await open(db, key);
    saved = await saveDraft(
      db,
      { userId: second.id },
      {
        key,
        baseRevision: current.revision,
        fields: current.fields,
        body: current.body.replace("Editors A and B wrote this.", "Editors A and B wrote this together."),
      },
      at(2),
    );
    expect(saved.status).toBe("saved");
    expect((await getStudioDocument(db, key))!).toMatchObject({ draftAuthors: [editor.id, second.id], draftUpdatedBy: second.id });
    await requestReview(
      db,
      { userId: editor.id },
      { key, draftRevision: (await open(db, key)).revision, changelog: "A sentence on who wrote the about page." },
      at(3),
    );
    const doc = (await getStudioDocument(db, key))!;

    // A asked (and wrote); B wrote only a word, but wrote: both refused, nothing published.
    expect(await refusalMessage(approveReview(db, { userId: editor.id }, { key, draftRevision: doc.draftRevision }, at(4)))).toMatch(/asked for this review/);
    expect(await refusalMessage(approveReview(db, { userId: second.id }, { key, draftRevision: doc.draftRevision }, at(4)))).toMatch(/one of its authors/);
    expect((await getStudioEditorView(db, { userId: second.id }, key))!.approval).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/one of its authors/),
    });
    expect((await getStudioDocument(db, key))!).toMatchObject({ state: "review", draftRevision: doc.draftRevision, publishedRevision: doc.publishedRevision });
    expect((await getStudioEvents(db, key)).map((e) => e.action)).not.toContain("review.approved");
    // B cannot escape authorship by asking for the review themselves: the request is sent back, B asks, A still wrote it.
    await returnReview(db, { userId: editor.id }, { key, draftRevision: doc.draftRevision, comment: "Let B ask for this one instead." }, at(5));
    await requestReview(
      db,
      { userId: second.id },
      { key, draftRevision: (await open(db, key)).revision, changelog: "A sentence on who wrote the about page." },
      at(6),
    );
    const again = (await getStudioDocument(db, key))!;
    expect(await refusalMessage(approveReview(db, { userId: editor.id }, { key, draftRevision: again.draftRevision }, at(7)))).toMatch(/one of its authors/);

    // C, who never touched it, approves; the published draft's authors are cleared with it.
    expect((await getStudioEditorView(db, { userId: third.id }, key))!.approval).toMatchObject({ allowed: true, reason: null });
    const approved = await approveReview(db, { userId: third.id }, { key, draftRevision: again.draftRevision }, at(8));
    expect((await getStudioRevisions(db, key))[0]).toMatchObject({ revision: approved.revision, requestedBy: second.id, publishedBy: third.id });
    expect((await getStudioDocument(db, key))!).toMatchObject({ state: "published", draftAuthors: [] });
    expect((await getPage("about")).body).toContain("Editors A and B wrote this together.");

    // After publication the slate is clean: A's next draft, approved by B.
    const next = await edit(db, editor.id, key, (d) => ({ body: `${d.body}\nA later change by A alone.\n` }));
    await requestReview(db, { userId: editor.id }, { key, draftRevision: next, changelog: "A later change by the first editor alone." });
    expect((await getStudioDocument(db, key))!.draftAuthors).toEqual([editor.id]);
    await approveReview(db, { userId: second.id }, { key, draftRevision: (await open(db, key)).revision });

    // A discarded draft takes its authors with it: C's fresh draft may be approved by A.
    const discarded = await edit(db, editor.id, key, (d) => ({ body: `${d.body}\nThrown away.\n` }));
    await discardDraft(db, { userId: editor.id }, { key, draftRevision: discarded });
    const fresh = await edit(db, third.id, key, (d) => ({ body: `${d.body}\nWritten by C after the discard.\n` }));
    await requestReview(db, { userId: third.id }, { key, draftRevision: fresh, changelog: "A fresh change after a discarded draft." });
    expect((await getStudioDocument(db, key))!.draftAuthors).toEqual([third.id]);
    expect((await getStudioEditorView(db, { userId: editor.id }, key))!.approval.allowed).toBe(true);
    await approveReview(db, { userId: editor.id }, { key, draftRevision: (await open(db, key)).revision });
  });

  it("a release that changes content/ becomes drafts for editors, never a new version", async () => {
    const version = (await getLatestAccordVersion(db))!;
    const ledger = await getLedgerSize(db);
    const publicText = (await getPrinciple("no-attacks-on-civilians"))!.principle.body;
    // An editor has a draft of the FAQ that the release will replace (it stays in the audit trail).
    const faqRevision = await edit(db, editor.id, "faq", (doc) => ({ body: `${doc.body}\nAn editor's unpublished answer.\n` }));

    const principleFile = path.join(contentDir, "accord", "principles", "03-no-attacks-on-civilians.mdx");
    fs.writeFileSync(principleFile, fs.readFileSync(principleFile, "utf8").replace("\n## ", "\nA sentence the release adds.\n\n## "));
    const faqFile = path.join(contentDir, "pages", "faq.mdx");
    fs.writeFileSync(faqFile, `${fs.readFileSync(faqFile, "utf8")}\nA shipped answer.\n`);
    fs.writeFileSync(
      path.join(contentDir, "accord", "principles", "09-shipped-principle.mdx"),
      `---\nnumber: ${(await getPrinciples()).length + 1}\nslug: "shipped-principle"\ntitle: "A shipped principle"\nsummary: "Added by a release."\n---\n\nBody.\n`,
    );
    fs.rmSync(path.join(contentDir, "accord", "principles", "05-empower-defenders.mdx"));
    // The shipped files must stay a valid 1..n sequence on their own: renumber the file after the gap.
    for (const file of fs.readdirSync(path.join(contentDir, "accord", "principles"))) {
      const full = path.join(contentDir, "accord", "principles", file);
      const text = fs.readFileSync(full, "utf8");
      const n = Number(/^number: (\d+)$/m.exec(text)![1]);
      if (n > 5) fs.writeFileSync(full, text.replace(/^number: \d+$/m, `number: ${n - 1}`));
    }

    const result = await importShippedContent(db);
    expect(result.firstImport).toBe(false);
    expect(result.drafts).toEqual(
      expect.arrayContaining([principleKey("no-attacks-on-civilians"), "faq", principleKey("shipped-principle"), principleKey("empower-defenders")]),
    );
    const civilians = (await getStudioDocument(db, principleKey("no-attacks-on-civilians")))!;
    expect(civilians).toMatchObject({ state: "draft", draftOrigin: "release", draftUpdatedBy: null });
    expect(civilians.draftSource).toContain("A sentence the release adds.");
    expect((await getStudioDocument(db, principleKey("shipped-principle")))!).toMatchObject({ state: "draft", publishedSource: null, draftOrigin: "release" });
    expect((await getStudioDocument(db, principleKey("empower-defenders")))!).toMatchObject({ state: "draft", draftRemoval: true, draftOrigin: "release" });
    const faq = (await getStudioDocument(db, "faq"))!;
    expect(faq.draftSource).toContain("A shipped answer.");
    expect(faq.draftRevision).toBeGreaterThan(faqRevision);
    const [replaced] = await getStudioEvents(db, "faq");
    expect(replaced).toMatchObject({ action: "release.imported" });
    expect(replaced!.source).toContain("An editor's unpublished answer.");

    // Nothing is live: same version, same ledger, same public text.
    expect((await getLatestAccordVersion(db))!.number).toBe(version.number);
    expect(await getLedgerSize(db)).toBe(ledger);
    expect((await getPrinciple("no-attacks-on-civilians"))!.principle.body).toBe(publicText);
    // Importing the same release again does nothing more.
    expect((await importShippedContent(db)).drafts).toEqual([]);

    // An editor publishes the release's draft like any other (REQUIRE_REVIEW off here).
    const published = await publishDocument(
      db,
      { userId: editor.id },
      { key: civilians.key, draftRevision: civilians.draftRevision, changelog: "Adopt the shipped release's wording." },
      { requireReview: false },
    );
    expect(published.version!.number).toBe(version.number + 1);
    expect((await getStudioRevisions(db, civilians.key))[0]).toMatchObject({ origin: "release", publishedBy: editor.id });
  });

  it("keeps the listing honest: every document's public text still parses and the accord is 1..n after all of the above", async () => {
    const principles = await getPrinciples();
    expect(principles.map((p) => p.frontmatter.number)).toEqual(principles.map((_, i) => i + 1));
    const latest = (await getLatestAccordVersion(db))!;
    expect(latest.contentHash).toBe(hashAccordSnapshot(accordSnapshotOf(await getPreamble(), principles)));
  });
});
