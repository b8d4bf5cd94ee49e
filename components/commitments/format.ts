import { commitmentStatusLabels } from "@/lib/validation/commitment";

/** The status select's options, in the lifecycle's order. */
export const statusOptions = Object.entries(commitmentStatusLabels).map(([value, label]) => ({ value, label }));
