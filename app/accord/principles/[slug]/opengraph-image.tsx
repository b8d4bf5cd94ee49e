import { notFound } from "next/navigation";
import { z } from "zod";
import { renderShareImage, shareImageSize } from "@/components/share-image";
import { getPrinciple, getPrinciples } from "@/lib/accord/content";
import { principleFrontmatterSchema } from "@/lib/validation/content";

export const alt = "A principle of the Tech Accord";
export const size = shareImageSize;
export const contentType = "image/png";
export const dynamicParams = false;

const paramsSchema = z.object({ slug: principleFrontmatterSchema.shape.slug });

export async function generateStaticParams() {
  return (await getPrinciples()).map((p) => ({ slug: p.frontmatter.slug }));
}

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  const found = parsed.success ? await getPrinciple(parsed.data.slug) : null;
  if (!found) notFound();
  const { number, title } = found.principle.frontmatter;
  return renderShareImage({ eyebrow: `The Tech Accord · Principle ${number}`, title, footer: "100% defence, 0% offence" });
}
