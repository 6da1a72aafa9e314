// Types of the two font packages that ship none (subset-font 2.9 and fontverter 2: their READMEs).
declare module "subset-font" {
  interface SubsetOptions {
    targetFormat?: "sfnt" | "woff" | "woff2";
    keepFeatures?: string[];
    variationAxes?: Record<string, number | { min: number; max: number; default?: number }>;
    noLayoutClosure?: boolean;
    noHinting?: boolean;
  }
  export default function subsetFont(font: Buffer, text: string, options?: SubsetOptions): Promise<Buffer>;
}

declare module "fontverter" {
  export function convert(font: Buffer, toFormat: "sfnt" | "woff" | "woff2", fromFormat?: "sfnt" | "woff" | "woff2"): Promise<Buffer>;
  export function detectFormat(font: Buffer): "sfnt" | "woff" | "woff2";
}
