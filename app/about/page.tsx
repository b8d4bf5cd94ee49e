import { ContentPage } from "@/components/content-page";
import { getCompiledPage } from "@/lib/accord/compiled";
import { getPage } from "@/lib/accord/content";
import { pageMetadata } from "@/lib/metadata";
import { aboutPath } from "@/lib/paths";

export async function generateMetadata() {
  const { frontmatter } = await getPage("about");
  return pageMetadata({ ...frontmatter, path: aboutPath });
}

export default async function Page() {
  const page = await getCompiledPage("about");
  return <ContentPage title={page.frontmatter.title} description={page.frontmatter.description} code={page.compiled.code} />;
}
