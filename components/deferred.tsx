import { nextStep } from "@/lib/render-steps";

// React renders a server component tree in one synchronous task up to its first pending
// promise, so a heavy page (25 turns of a transcript, the sections of a 3,000-item pack's page)
// was one task of tens of ms, and a capture arriving meanwhile waited for it at each of its
// hops. A Deferred part is rendered in a later step (lib/render-steps.ts): its parent's task
// ends early and what waits runs in between. There is no Suspense boundary, so the HTML streams
// in the same order and the page's shell does not change.

/** Renders its children in a later step (server components only). */
export async function Deferred({ children }: { children: React.ReactNode }) {
  await nextStep();
  return <>{children}</>;
}

/** `items` rendered `size` at a time, each group in its own step, as the siblings `render` makes. */
export function InSteps<T>({ items, size, render }: { items: readonly T[]; size: number; render: (item: T) => React.ReactNode }) {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups.map((group, i) => <Deferred key={i}>{group.map(render)}</Deferred>);
}
