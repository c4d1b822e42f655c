const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The spelling an id is stored under. UUIDs are case-insensitive and every capture stores
 * them lower-cased, so any spelling of one finds its record; other ids (written by other
 * tools) are kept exactly as they are.
 */
export function storedId(id: string): string {
  return GUID.test(id) ? id.toLowerCase() : id;
}
