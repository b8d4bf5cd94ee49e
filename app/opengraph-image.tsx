import { renderShareImage, shareImageSize } from "@/components/share-image";
import { pledge } from "@/lib/site";

export const alt = "The Tech Accord: 100% defence, 0% offence";
export const size = shareImageSize;
export const contentType = "image/png";

export default function Image() {
  return renderShareImage({ eyebrow: "Tech Accord Registry", title: `${pledge}.`, footer: "Protect every customer everywhere. Never help attack civilians." });
}
