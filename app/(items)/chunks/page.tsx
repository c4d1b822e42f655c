import type { Metadata } from "next";
import { ItemListPage } from "@/app/(items)/item-list-page";

export const metadata: Metadata = { title: "Chunks" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default function Page({ searchParams }: Props) {
  return <ItemListPage kind="chunk" searchParams={searchParams} />;
}
