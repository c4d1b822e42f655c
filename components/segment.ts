// One button of a segmented group of links (time presets, page sizes); server and client parts use it.
export const segment = (active: boolean) =>
  `px-2 py-1 ${active ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`;
