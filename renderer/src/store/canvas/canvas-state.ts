// The canvas slices' shape: the document undo/redo restores, the tool and view (canvas-slice.ts), and what goes in
// and out of the canvas (canvas-io-slice.ts). Types and pure readers only, so either slice imports them without a circle.
import type { AnnotationFormat, EncodedImage, EverythingRegion, GeneratedImageData } from '../../../../native-models/api/index.ts';
import type { OpenImageResult } from '../../../../native-models/api/canvas-schemas.ts';
import type { BinaryMask } from '../../../../native-models/core/mask/binary-mask.ts';
import type { ActionHistory } from './action-history.ts';
import type { CanvasObject } from './canvas-objects.ts';
import type { CanvasView, Size } from './canvas-view.ts';
import type { ImagePoint } from './mask-brush.ts';
import type { SegmentBox, SegmentCandidate, SegmentPoint } from './segment-prompts.ts';

export type CanvasTool = 'hand' | 'segment' | 'brush' | 'eraser';

/** An image on the canvas: the host's id (sent instead of the bytes), the bytes to show, and names. */
export interface CanvasImage {
  imageId: string;
  image: EncodedImage;
  width: number;
  height: number;
  /** Accessible description, e.g. "Generated image, seed 11". */
  label: string;
  /** Stem for exported file names. */
  name: string;
}

/** What undo/redo restores: everything the user edits on the canvas. Immutable; a stroke copies the mask once. */
export interface CanvasDocument {
  image: CanvasImage | null;
  /** The inpainting mask (brush/eraser, or taken from a segment), 0/1 at the image size; null = none. */
  mask: BinaryMask | null;
  points: SegmentPoint[];
  box: SegmentBox | null;
  candidates: SegmentCandidate[];
  /** Index into candidates of the mask shown and used. */
  chosen: number;
  /** "Select subject"'s mask (grey PNG at the image size): later clicks refine it, sent as SAM's mask prompt. */
  subjectMask: EncodedImage | null;
  /** Segment everything's regions on show (best score first); empty when none. */
  regions: EverythingRegion[];
  /** Indices into regions picked by click / shift-click, waiting for "Keep picked". */
  picked: number[];
  /** The image's named objects (kept regions or selections), exported together as COCO / YOLO. */
  objects: CanvasObject[];
}

export interface CanvasSlice {
  canvas: CanvasDocument;
  canvasHistory: ActionHistory<CanvasDocument>;
  canvasTool: CanvasTool;
  /** Brush diameter in image pixels. */
  brushSize: number;
  /** "Use as inpainting mask": grow (> 0) or shrink (< 0) the segment mask by this many pixels. */
  maskGrowPx: number;
  canvasView: CanvasView;
  canvasStage: Size;
  /** Picked segmentation model; null = the first usable one. */
  segmentModelId: string | null;
  /** A click's request is in flight. */
  segmentBusy: boolean;
  /** The preview mask for the point under a resting pointer. */
  hoverMask: EncodedImage | null;
  /** Whether the inpainting mask is drawn (hidden when a result lands so the new pixels show). */
  maskVisible: boolean;
  setMaskVisible(visible: boolean): void;
  loadCanvasImage(source: { imageId: string; image: EncodedImage; width: number; height: number }, names?: { label?: string; name?: string }): void;
  setCanvasTool(tool: CanvasTool): void;
  setBrushSize(size: number): void;
  setMaskGrowPx(px: number): void;
  setSegmentModel(modelId: string): void;
  setCanvasStage(size: Size): void;
  fitCanvas(): void;
  actualSizeCanvas(): void;
  /** Zoom by a factor round a stage point (default the stage centre). */
  zoomCanvas(factor: number, at?: { x: number; y: number }): void;
  panCanvas(dx: number, dy: number): void;
  addSegmentPoint(point: SegmentPoint): Promise<void>;
  setSegmentBox(box: SegmentBox): Promise<void>;
  chooseCandidate(index: number): void;
  clearSegment(): void;
  /** The image's main subject from a background-removal model as the selection (no clicks). */
  selectSubject(): Promise<void>;
  /** The point under a resting pointer (image pixels), or null when it left. */
  hoverSegment(point: ImagePoint | null): void;
  beginStroke(at: ImagePoint): void;
  continueStroke(from: ImagePoint, to: ImagePoint): void;
  clearMask(): void;
  useSegmentAsMask(): Promise<void>;
  undoCanvas(): void;
  redoCanvas(): void;
  /** Replaces the document as one undoable edit (inpaint results, opened images keep their own rules). */
  editCanvas(change: Partial<CanvasDocument>): void;
}

/** Segment everything and the objects list: the runs, the region hover/pick rules and the objects' edits. */
export interface CanvasObjectsSlice {
  /** A segment-everything request is in flight. */
  everythingBusy: boolean;
  /** Grid points per side of the next run (EVERYTHING_DEFAULTS' to start; fewer is faster, more finds smaller objects). */
  everythingPointsPerSide: number;
  setEverythingPointsPerSide(value: number): void;
  /** The region under the pointer (index into canvas.regions), or null. */
  hoverRegion: number | null;
  /** Runs SAM's automatic mask generator on the canvas image (thresholds: the contract's defaults); the regions replace any on show. */
  segmentEverything(): Promise<void>;
  hoverRegionAt(point: ImagePoint | null): void;
  /** Click picks the region under `point`; shift-click (`additive`) adds or drops it. The picked regions' union becomes the selection. */
  pickRegionAt(point: ImagePoint, additive: boolean): Promise<void>;
  /** The picked regions (or all of them) become objects; the regions are put away. One undo step. */
  keepRegions(which: 'picked' | 'all'): void;
  dismissRegions(): void;
  /** The chosen segment candidate becomes an object (the selection is cleared for the next one). */
  addSelectionAsObject(): void;
  renameObject(id: number, name: string): void;
  setObjectVisible(id: number, visible: boolean): void;
  /** The object's mask becomes the current selection (one undo step), for "Use as inpainting mask", export … */
  selectObject(id: number): void;
  /** The object's cut-out through the canvas's cut-out export (its crop / feather options); null if there is none. */
  exportObjectCutout(id: number): Promise<ExportFile | null>;
  removeObject(id: number): void;
  /** The objects as annotation files (COCO JSON, or YOLO labels + classes.txt) built by the host; null without objects. */
  /** `objectId`: that object's annotation alone. */
  exportObjects(format: AnnotationFormat, objectId?: number): Promise<{ path: string; text: string }[] | null>;
}

export function chosenCandidate(document: CanvasDocument): SegmentCandidate | null {
  return document.candidates[document.chosen] ?? null;
}

export type CanvasRunKind = 'inpaint' | 'img2img' | 'outpaint';
export type OutpaintSide = 'left' | 'right' | 'top' | 'bottom';
export type ExportKind = 'image' | 'mask' | 'cutout';

export interface ExportFile {
  fileName: string;
  image: EncodedImage;
}

/** Images of an opened folder, in name order, and the one shown. */
export interface CanvasFolder {
  files: File[];
  index: number;
}

export interface CanvasIoSlice {
  /** The canvas run waiting for its result (which then replaces the canvas image in place). */
  canvasRun: CanvasRunKind | null;
  /** img2img: fraction of the schedule run, (0, 1]. */
  strength: number;
  cutoutCrop: boolean;
  cutoutFeatherPx: number;
  /** Outpaint: the side to extend and by how many pixels (repeatable; each run is one undo step). */
  outpaintSide: OutpaintSide;
  outpaintPx: number;
  /** Pixels of the original repainted and feathered along the seam. */
  outpaintOverlap: number;
  /** Upscale: the upscaler model picked (null = the first usable one) and whether a run is under way. */
  upscaleModelId: string | null;
  upscaling: boolean;
  /** Parameters the opened image records, for "Use these parameters". */
  canvasParameters: OpenImageResult['parameters'];
  canvasFolder: CanvasFolder | null;
  setCanvasOptions(options: Partial<Pick<CanvasIoSlice, 'strength' | 'cutoutCrop' | 'cutoutFeatherPx' | 'outpaintSide' | 'outpaintPx' | 'outpaintOverlap' | 'upscaleModelId'>>): void;
  openCanvasFile(file: File): Promise<void>;
  openCanvasFolder(files: readonly File[]): Promise<void>;
  showFolderImage(index: number): Promise<void>;
  runCanvasGeneration(kind: CanvasRunKind): Promise<void>;
  /** Upscales the canvas image with the upscaler model: the result replaces it (one undo away) and joins the gallery. */
  upscaleCanvas(): Promise<void>;
  /** Generation results arrived: a canvas run's replaces the image (undoable); a plain run's is loaded. */
  receiveResults(results: readonly GeneratedImageData[]): void;
  /** Shows result `index` of the last run on the canvas (the thumbnail strip). */
  showResult(index: number): void;
  endCanvasRun(): void;
  /** `only`: export this mask (a named object's) instead of the selection / inpainting mask, `name` (file-safe) in the file's. */
  exportCanvas(kind: ExportKind, only?: { mask: EncodedImage; name: string }): Promise<ExportFile | null>;
}
