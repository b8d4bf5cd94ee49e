/** The accent link used in running text across pages, one class list so every such link looks the same. */
export const linkClass = "font-semibold text-accord-700 underline hover:text-accord-800 dark:text-accord-300";
