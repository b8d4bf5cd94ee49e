import "server-only";
import { MdxContent } from "@/components/mdx/mdx-content";
import type { AccordSnapshot } from "@/lib/accord/version";
import { compileMdx } from "@/lib/accord/mdx";

/**
 * A version's text is immutable (its content hash names it), so each body is compiled once per
 * process and kept: the signing page is dynamic and must not re-run the MDX compiler per request.
 */
const compiled = new Map<string, Promise<string | null>>();

function compileOnce(contentHash: string, key: string, body: string, idPrefix: string): Promise<string | null> {
  const cacheKey = `${contentHash}:${key}`;
  let code = compiled.get(cacheKey);
  if (!code) {
    code = compileMdx(body, `accord ${contentHash.slice(0, 12)} ${key}`, idPrefix).then(
      (result) => result.code,
      (error: unknown) => {
        // A body the compiler refuses is still the signed text: show it verbatim rather than fail the page.
        console.error("[registry] could not compile a stored accord text:", error);
        return null;
      },
    );
    compiled.set(cacheKey, code);
  }
  return code;
}

function Body({ code, body, headingOffset }: { code: string | null; body: string; headingOffset: 1 | 2 }) {
  if (code) return <MdxContent code={code} headingOffset={headingOffset} />;
  return (
    <div className="space-y-4 text-lg">
      {body.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i} className="whitespace-pre-line">
          {paragraph.trim()}
        </p>
      ))}
    </div>
  );
}

/** The full text of one stored accord version: the preamble, then every principle in order. */
export async function AccordText({ snapshot, contentHash, version }: { snapshot: AccordSnapshot; contentHash: string; version: number }) {
  const prefix = `v${version}-`;
  const [preambleCode, ...principleCodes] = await Promise.all([
    compileOnce(contentHash, "preamble", snapshot.preamble.body, `${prefix}preamble-`),
    ...snapshot.principles.map((p) => compileOnce(contentHash, `principle-${p.slug}`, p.body, `${prefix}p${p.number}-`)),
  ]);
  return (
    <article aria-labelledby="accord-text-heading">
      <header className="border-b border-ink-200 pb-6 dark:border-ink-800">
        <h2 id="accord-text-heading" className="font-serif text-3xl font-semibold tracking-tight">
          {snapshot.preamble.title}
        </h2>
        <p className="mt-3 text-xl text-muted">{snapshot.preamble.summary}</p>
      </header>
      <div className="mt-6">
        {/* The text sits under this h2: its own sections become h3, and each principle's h4. */}
        <Body code={preambleCode ?? null} body={snapshot.preamble.body} headingOffset={1} />
      </div>
      {snapshot.principles.map((p, i) => (
        <section key={p.slug} aria-labelledby={`${prefix}principle-${p.slug}`} className="mt-10 border-t border-ink-200 pt-8 dark:border-ink-800">
          <p className="text-sm font-semibold uppercase tracking-wide text-accord-700 dark:text-accord-300">Principle {p.number}</p>
          <h3 id={`${prefix}principle-${p.slug}`} className="mt-1 section-heading">
            {p.title}
          </h3>
          <p className="mt-2 text-lg text-muted">{p.summary}</p>
          <div className="mt-4">
            <Body code={principleCodes[i] ?? null} body={p.body} headingOffset={2} />
          </div>
        </section>
      ))}
    </article>
  );
}
