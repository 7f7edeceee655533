/**
 * The latest list and the rail beside it. The rail is the slot for "Most read"
 * (components/audience/MostRead.tsx, built by the audience work): pass it as `rail`; without one,
 * the latest list takes the row. Anything in the rail should render nothing when it has nothing.
 */
export function HomeRail({ children, rail }: { children: React.ReactNode; rail?: React.ReactNode }) {
  return (
    <div className={`grid gap-8 py-8 ${rail ? "lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)] lg:gap-10" : ""}`}>
      <div>{children}</div>
      {rail && (
        <aside data-slot="most-read" className="border-t border-rule pt-6 lg:border-s lg:border-t-0 lg:ps-8 lg:pt-0">
          {rail}
        </aside>
      )}
    </div>
  );
}
