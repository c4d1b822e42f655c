import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import { RedactedNote, RedactionsSection } from "@/app/interactions/[id]/redactions-section";
import { sessionHref } from "@/app/sessions/search-params";
import { PackSection } from "@/components/context-pack/pack-section";
import { Deferred } from "@/components/deferred";
import { CopyButton } from "@/components/copy-button";
import { FoldableText } from "@/components/foldable-text";
import { ItemLink } from "@/components/item-link";
import { BackToList } from "@/components/keyboard-shortcuts";
import { LocalTime } from "@/components/local-time";
import { InteractionPackDiff } from "@/components/sessions/interaction-pack-diff";
import { loadPackIndex } from "@/lib/context-pack/load-pack-index";
import { NotFoundError } from "@/lib/errors";
import { durationLabel, firstLine, utcLabel } from "@/lib/format-time";
import { getInteractionWithoutPack } from "@/lib/interactions/get-interaction-without-pack";
import { getSessionPosition } from "@/lib/interactions/get-session-position";
import { formatCount } from "@/lib/format-count";
import { REDACTED_FIELD_TEXT } from "@/lib/audit/redaction-content";
import { listRedactions } from "@/lib/redactions/redact";
import { ReviewPanel } from "@/components/reviews/review-panel";
import { viewerScopes } from "@/lib/auth/caller";
import { listInteractionReviews } from "@/lib/reviews/list-reviews";
import { itemPointer } from "@/lib/reviews/item-pointer";
import { reviewLabels } from "@/lib/reviews/schema";
import { MAX_LIST_LIMIT, PAGE_TEXT_CHARS } from "@/lib/interactions/schema";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// Metadata and page read the same record once per request; the pack, which may be MBs, is
// read as its index (lib/context-pack), never sent whole unless small.
const load = cache(async (id: string) => {
  try {
    const [interaction, position, pack, redactions] = await Promise.all([getInteractionWithoutPack(id), getSessionPosition(id), loadPackIndex(id), listRedactions(id)]);
    return { interaction, position, pack, redactions, now: Date.now() };
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await load((await params).id);
  return { title: found ? `${firstLine(found.interaction.prompt, 60) || "Interaction"} · Interaction` : "Interaction not found" };
}

function Section({ title, children, aside }: { title: string; children: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <section className="border-t border-zinc-200 pt-3 dark:border-zinc-800">
      <h2 className="mb-1 flex items-baseline gap-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        {title}
        {aside && <span className="font-normal tracking-normal normal-case">{aside}</span>}
      </h2>
      <Deferred>{children}</Deferred>
    </section>
  );
}

// How many used ids a list shows: a turn of a huge pack may use thousands, and the page would
// carry each as a link twice (HTML and the component payload). Ids not in the pack come first,
// as they are what a reviewer looks for; the pack's "Used items only" view lists the rest.
const USED_IDS_SHOWN = 100;

function IdList({ ids, notInPack, kind }: { ids: string[]; notInPack: string[]; kind: "memory" | "chunk" }) {
  if (ids.length === 0) return <p className="text-sm text-zinc-500">none</p>;
  const missing = new Set(notInPack);
  const shown = ids.length <= USED_IDS_SHOWN ? ids : [...ids.filter((id) => missing.has(id)), ...ids.filter((id) => !missing.has(id))].slice(0, USED_IDS_SHOWN);
  return (
    <ul className="flex flex-wrap gap-1">
      {shown.map((id, i) =>
        missing.has(id) ? (
          <li key={`${i}:${id}`} title="not in the context pack" className="rounded bg-red-100 px-1.5 font-mono text-xs text-red-900 dark:bg-red-950 dark:text-red-200">
            <ItemLink kind={kind} id={id} className="hover:underline" /> <span className="font-sans">(not in pack)</span>
          </li>
        ) : (
          <li key={`${i}:${id}`} className="rounded bg-zinc-100 px-1.5 font-mono text-xs dark:bg-zinc-800">
            <ItemLink kind={kind} id={id} />
          </li>
        ),
      )}
      {shown.length < ids.length && (
        <li className="text-xs text-zinc-500" data-testid="more-used">
          and {formatCount(ids.length - shown.length)} more (the context pack below lists them all under &ldquo;Used items only&rdquo;)
        </li>
      )}
    </ul>
  );
}

// The pack items listed for review: the first ones of a huge pack, and every item that has a
// review already (the API reviews any pointer).
const REVIEWABLE_ITEMS = 50;

const missing = <span className="text-zinc-500">—</span>;

export default async function InteractionPage({ params, searchParams }: Props) {
  const found = await load((await params).id);
  // The list's search, carried here so its matches stay highlighted.
  const query = await searchParams;
  const q = [query.q].flat()[0];
  if (!found) notFound();
  const { interaction: it, position, pack, redactions, now } = found;
  const redactedAt = (field: string) => (it[field as "prompt"] === REDACTED_FIELD_TEXT ? redactions.find((r) => r.pointer === `/${field}`) : undefined);
  const taken = new Set(redactions.map((r) => r.pointer));
  // What may still be redacted: the fields with content, and the pack's items (a redacted one is a marker, not an item).
  const may = await viewerScopes(await headers());
  const targets = may("redact")
    ? [
        ...(["prompt", "response", "response_summary"] as const).filter((f) => it[f] !== "" && !taken.has(`/${f}`)).map((f) => ({ pointer: `/${f}`, label: f })),
        ...pack.items.slice(0, 1000).map((i) => ({ pointer: `/context_pack${i.pointer}`, label: `pack ${i.pointer} (${i.kind} ${i.id})` })),
      ]
    : [];
  const turnLink = "text-sky-700 hover:underline dark:text-sky-400";
  const text = (field: "prompt" | "response" | "response_summary", empty: string) => {
    const r = redactedAt(field);
    if (r) return <RedactedNote redaction={r} />;
    if (!it[field]) return <p className="text-sm text-zinc-500 italic">{empty}</p>;
    const cut = it.text_chars[field] > PAGE_TEXT_CHARS;
    return (
      <>
        <FoldableText text={it[field]} query={q} cut={cut} />
        {cut && (
          <a href={`/api/interactions/${encodeURIComponent(it.id)}/text?field=${field}`} className={`text-xs ${turnLink}`} data-testid="whole-text">
            {`This page shows the first ${formatCount(PAGE_TEXT_CHARS)} characters; the whole text (${formatCount(it.text_chars[field])} characters)`}
          </a>
        )}
      </>
    );
  };
  const ms = Date.parse(it.created_at);
  const { missing_memories: missingMemories, missing_chunks: missingChunks } = pack.summary;
  const reviews = await listInteractionReviews(it.id, { limit: MAX_LIST_LIMIT });
  const reviewer = may("review");
  const reviewed = new Set(reviews.reviews.map(itemPointer));

  return (
    <article className="space-y-4">
      <BackToList />
      <header className="space-y-2">
        <h1 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
          Interaction <code className="font-mono text-sm font-normal break-all">{it.id}</code>
          <CopyButton text={it.id} label="Copy id" />
        </h1>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-sm">
          <dt className="text-zinc-500">Time</dt>
          <dd>
            <time dateTime={it.created_at} className="tabular-nums">{utcLabel(ms)}</time>
            <span className="ml-2 text-zinc-500">
              local: <LocalTime iso={it.created_at} />
            </span>
          </dd>
          <dt className="text-zinc-500">Project</dt>
          <dd>{it.project || missing}</dd>
          <dt className="text-zinc-500">Client</dt>
          <dd>{it.client || missing}</dd>
          <dt className="text-zinc-500">Session</dt>
          <dd className="flex flex-wrap items-baseline gap-x-3">
            {position ? (
              <>
                <Link href={sessionHref(position.session_id)} className={`${turnLink} break-all`}>
                  {position.session_id}
                </Link>
                <span data-testid="turn">
                  turn {formatCount(position.turn)} of {formatCount(position.turns)}
                </span>
                {position.previous_id ? (
                  <Link href={`/interactions/${encodeURIComponent(position.previous_id)}`} className={turnLink} rel="prev">
                    ← previous turn
                  </Link>
                ) : null}
                {position.next_id ? (
                  <Link href={`/interactions/${encodeURIComponent(position.next_id)}`} className={turnLink} rel="next">
                    next turn →
                  </Link>
                ) : null}
              </>
            ) : (
              missing
            )}
          </dd>
        </dl>
      </header>

      <Section title="Prompt">{text("prompt", "no prompt")}</Section>
      <Section
        title="Response"
        aside={it.response_added_at ? `added ${durationLabel(Date.parse(it.response_added_at) - ms)} later` : undefined}
      >
        {text("response", "no response recorded")}
      </Section>
      <Section title="Summary">
        {text("response_summary", "no summary")}
      </Section>
      <div className="grid gap-4 sm:grid-cols-2">
        <Section title="Memories used" aside={String(it.memories_used.length)}>
          <IdList ids={it.memories_used} notInPack={missingMemories} kind="memory" />
        </Section>
        <Section title="Chunks used" aside={String(it.chunks_used.length)}>
          <IdList ids={it.chunks_used} notInPack={missingChunks} kind="chunk" />
        </Section>
      </div>
      <Section title="Review">
        <ReviewPanel
          path={`/api/interactions/${encodeURIComponent(it.id)}/reviews`}
          reviews={reviews.reviews}
          labels={reviewLabels()}
          canReview={reviewer}
          now={now}
          subject="Turn"
          items={pack.items
            .filter((item, i) => i < REVIEWABLE_ITEMS || reviewed.has(item.pointer))
            .map(({ pointer, id, kind, mark, preview }) => ({ pointer, id, kind, mark, preview }))}
          itemsTotal={pack.items.length}
        />
      </Section>
      {position?.previous_id && <InteractionPackDiff id={it.id} position={position} />}
      <Section title="Redactions" aside={String(redactions.length)}>
        <RedactionsSection
          interactionId={it.id}
          redactions={redactions}
          targets={targets}
          outcome={{ error: [query.redact_error].flat()[0], redacted: [query.redacted].flat()[0] }}
        />
      </Section>
      <Section title="Context pack">
        <PackSection interactionId={it.id} index={pack} memoriesUsed={it.memories_used} chunksUsed={it.chunks_used} />
      </Section>
    </article>
  );
}
