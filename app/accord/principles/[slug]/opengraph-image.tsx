import { z } from "zod";
import { renderShareImage, shareImageSize } from "@/components/share-image";
import { getPrinciple } from "@/lib/accord/content";
import { principleFrontmatterSchema } from "@/lib/validation/content";

export const alt = "A principle of the Tech Accord";
export const size = shareImageSize;
export const contentType = "image/png";

const paramsSchema = z.object({ slug: principleFrontmatterSchema.shape.slug });

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  const found = parsed.success ? await getPrinciple(parsed.data.slug) : null;
  // Principles now come and go by publishing, so a missing one is answered here (notFound() in an image route is an empty 404).
  if (!found) return new Response("There is no such principle.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const { number, title } = found.principle.frontmatter;
  return renderShareImage({ eyebrow: `The Tech Accord · Principle ${number}`, title, footer: "100% defence, 0% offence" });
}
