export const linkClass = "font-semibold text-accord-700 underline hover:text-accord-800 dark:text-accord-300";
