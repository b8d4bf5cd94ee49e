import { ContentPage } from "@/components/content-page";
import { getCompiledPage } from "@/lib/accord/compiled";
import { getPage } from "@/lib/accord/content";
import { pageMetadata } from "@/lib/metadata";
import { faqPath } from "@/lib/paths";

export async function generateMetadata() {
  const { frontmatter } = await getPage("faq");
  return pageMetadata({ ...frontmatter, path: faqPath });
}

export default async function Page() {
  const page = await getCompiledPage("faq");
  return <ContentPage title={page.frontmatter.title} description={page.frontmatter.description} code={page.compiled.code} />;
}
