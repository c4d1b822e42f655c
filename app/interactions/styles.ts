// Class names shared by the list's server and client parts.
export const segment = (active: boolean) =>
  `px-2 py-1 ${active ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`;
