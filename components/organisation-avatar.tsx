/** Up to two initials of an organisation's name, for an avatar that needs no uploaded logo. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]!.toUpperCase())
    .join("");
}

const sizes = { md: "h-10 w-10 text-sm", lg: "h-16 w-16 text-xl" } as const;

/** Decorative: the name always stands next to it, so screen readers skip the letters. */
export function OrganisationAvatar({ name, size = "md" }: { name: string; size?: keyof typeof sizes }) {
  return (
    <span aria-hidden="true" className={`avatar ${sizes[size]}`}>
      {initials(name)}
    </span>
  );
}
