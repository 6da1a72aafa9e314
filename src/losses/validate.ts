/** Validation moved to src/validation.ts (one home for every layer); re-exported here for old imports. */
export * from "../validation";
