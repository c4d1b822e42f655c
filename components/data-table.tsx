"use client";

import { tableFeatures, useTable, type ColumnDef, type RowData } from "@tanstack/react-table";
import type { ComponentProps, Ref } from "react";

// The lists lay out the rows they are given (sorting and paging happen in the database), so
// the table registers no client features. Columns files build their helper on this.
export const features = tableFeatures({});
export type Features = typeof features;

type RowProps = ComponentProps<"tr"> & { [data: `data-${string}`]: string | undefined };

type Props<TData extends RowData> = {
  label: string;
  // TanStack's column type is invariant in the value type; a columns list mixes them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<Features, TData, any>[];
  data: TData[];
  getRowId?: (row: TData) => string;
  /** The table's own classes (width, table-fixed). */
  className?: string;
  /** Per-column classes for header and cells (widths, alignment, hiding on phones). */
  columnClass?: Record<string, string>;
  /** What each row does and how it looks (click, keys, selection, data attributes). */
  rowProps: (row: TData, index: number) => RowProps;
  bodyRef?: Ref<HTMLTableSectionElement>;
};

/** One thin generic table: header and rows from TanStack Table, behaviour from the caller. */
export function DataTable<TData extends RowData>({ label, columns, data, getRowId, className = "w-full border-collapse text-sm", columnClass = {}, rowProps, bodyRef }: Props<TData>) {
  const table = useTable({ features, columns, data, getRowId });
  return (
    <div className="overflow-x-auto">
      <table className={className} aria-label={label}>
        <thead className="text-left text-xs text-zinc-500">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="border-b border-zinc-200 dark:border-zinc-800">
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={`px-2 py-1 font-medium ${columnClass[header.column.id] ?? ""}`}>
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody ref={bodyRef}>
          {table.getRowModel().rows.map((row, i) => (
            <tr key={row.id} {...rowProps(row.original, i)}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className={`px-2 py-1 align-top ${columnClass[cell.column.id] ?? ""}`}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
