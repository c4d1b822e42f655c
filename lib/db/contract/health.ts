/** Whether the database answers the process. */
export interface Health {
  /** Resolves once every connection the process reads and writes through has answered a query; rejects otherwise. */
  check(): Promise<void>;
}
