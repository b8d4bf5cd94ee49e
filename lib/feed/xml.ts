const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even as character references:
// one of them in an organisation's name would make the whole feed or badge unparseable.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes the characters XML cannot carry at all. */
export function stripNonXmlCharacters(value: string): string {
  return value.replace(NOT_XML_CHAR, "");
}

/**
 * Text safe for XML and HTML element content and quoted attribute values (the feed's HTML
 * summaries, badge SVGs): markup characters become entities, characters XML cannot carry go.
 */
export function escapeXml(value: string): string {
  return stripNonXmlCharacters(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
