"use client";

import dynamic from "next/dynamic";
import type { DehydratedState } from "@tanstack/react-query";
import type { LoadMoreProps } from "./LoadMore.client";

// A separate chunk: section, author and tag pages load React Query; the article page, served by the
// same catch-all route, does not.
const LoadMoreWithData = dynamic(() => import("./LoadMore.client").then((m) => m.LoadMoreWithData));

export function LoadMoreIsland(props: LoadMoreProps & { state: DehydratedState }) {
  return <LoadMoreWithData {...props} />;
}
