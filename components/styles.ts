/** The accent link used in running text across pages, one class list so every such link looks the same. */
export const linkClass = "link-accent";
