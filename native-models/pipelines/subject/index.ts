// Public surface of click-free subject cut-outs (background-removal models).
export { SubjectSegmenter, subjectModelPath, type SubjectMask, type SubjectSegmenterOptions } from './subject-segmenter.ts';
export { subjectConfidence, CLEAR_MARGIN, type SubjectConfidence } from './subject-confidence.ts';
export { subjectInput } from './subject-input.ts';
export { predictionToModelAlpha } from './subject-prediction.ts';
export { alphaMatting, buildTrimap, type AlphaMattingOptions } from './alpha-matting.ts';
export { refineWithSam, subjectMaskPrompt, alphaMaskPrompt, DEFAULT_MIN_AGREEMENT, type RefinedSubject } from './sam-refine.ts';
export { cutOutSubject, renderSubjectCutout, subjectWithEdges, type SubjectCutout, type SubjectCutoutOptions } from './subject-cutout.ts';
