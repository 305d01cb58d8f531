// The contract between the BatchRunner and a job kind (cutout, generate, img2img): the items, and the four
// stages each item goes through. The runner owns ordering, resume, the manifest and every file write.

/** One unit of work: one input image, or one image of one prompt. */
export interface BatchItem {
  /** Manifest key (see ManifestEntry.input). */
  readonly input: string;
  /** Planned outputs, relative to the output folder ('/' separators); known before processing, never seed-dependent. */
  readonly outputs: readonly string[];
}

/** What `load` gives back: the content hash (resume key) and whatever `prepare` needs. */
export interface LoadedItem<L> {
  hash: string;
  data: L;
}

/** What `render` gives back: the bytes of each planned output, and facts for the manifest. */
export interface RenderedItem {
  /** Bytes per planned output path; must cover exactly `item.outputs`. */
  files: Map<string, Uint8Array>;
  result?: Record<string, unknown>;
  /** Per-item settings recorded beside the job's parameters (a prompt line's own options). */
  parameters?: Record<string, unknown>;
}

export interface BatchJob<I extends BatchItem = BatchItem, L = unknown, P = unknown, R = unknown> {
  /** cutout | generate | img2img (recorded on every manifest line). */
  readonly kind: string;
  /** Job-level settings recorded on every manifest line. */
  readonly parameters: Record<string, unknown>;
  /**
   * The settings that decide what the outputs look like, recorded in the manifest's header: a resume with other
   * ones is refused (see manifest-header.ts). Default `parameters`; batch-job-factory.ts sets it from the spec.
   */
  readonly outputParameters?: Record<string, unknown>;
  readonly items: readonly I[];
  /** Inputs that are not processable at all (not images), recorded once as `skipped`. */
  readonly skipped: readonly { input: string; reason: string }[];
  /** Read the input and hash it (cheap I/O; done for every item, even ones done before, to spot changes). */
  load(item: I): Promise<LoadedItem<L>>;
  /** Decode and check (CPU, off the inference path). Throw a TesseraError to fail the item. */
  prepare(item: I, data: L): Promise<P>;
  /** The model call; items reach it one at a time, in order. */
  infer(item: I, prepared: P, signal?: AbortSignal): Promise<R>;
  /** Encode the outputs (PNG). */
  render(item: I, result: R): Promise<RenderedItem>;
  /** Frees models; called once when the run ends. */
  release?(): Promise<void>;
}
