import { latestSeq } from "@/lib/interactions/find-facets";

/** Whether anything was ever captured (the list's empty state differs for a new database). */
export async function hasInteractions(): Promise<boolean> {
  return (await latestSeq()) > 0;
}
