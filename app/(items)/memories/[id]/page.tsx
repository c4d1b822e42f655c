import { ItemPage, itemTitle } from "@/app/(items)/item-page";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = ({ params }: Props) => itemTitle("memory", params);

export default function Page(props: Props) {
  return <ItemPage kind="memory" {...props} />;
}
