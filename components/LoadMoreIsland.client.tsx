"use client";

import dynamic from "next/dynamic";
import type { DehydratedState } from "@tanstack/react-query";
import type { LoadMoreProps } from "./LoadMore.client";

// A separate chunk, loaded after the page: the list above it is already in the server HTML.
const LoadMoreWithData = dynamic(() => import("./LoadMore.client").then((m) => m.LoadMoreWithData));

export function LoadMoreIsland(props: LoadMoreProps & { state: DehydratedState }) {
  return <LoadMoreWithData {...props} />;
}
