// The list while its queries run. It sits in the (list) group so that it covers the list
// only: the detail pages beside it call notFound(), whose 404 a loading boundary above them
// would turn into a streamed 200.
export { PageLoading as default } from "@/components/page-loading";
