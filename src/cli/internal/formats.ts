// The output formats campctl offers, in a module of their own so main.ts can name them cheaply.
export type Format = "table" | "tsv" | "csv" | "json" | "markdown";
export const FORMATS: readonly Format[] = ["table", "json", "csv", "markdown", "tsv"];
