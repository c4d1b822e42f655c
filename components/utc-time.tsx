/** An instant as compact UTC text ("… UTC" as on the other pages), with the full ISO value on hover and for machines. */
export function UtcTime({ iso, className }: { iso: string; className?: string }) {
  return (
    <time dateTime={iso} title={iso} className={className}>
      {`${iso.slice(0, 19).replace("T", " ")} UTC`}
    </time>
  );
}
