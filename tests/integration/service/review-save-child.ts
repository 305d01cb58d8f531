// A child process that saves one reviewed mask to a subject batch and, at the named seam of the save's commit,
// says so on stdout and waits: its parent kills it there with SIGKILL (a real crash, no cleanup runs).
// Usage: node --import tsx review-save-child.ts INPUT_DIR OUTPUT_DIR INPUT MASK_PNG SEAM
import fs from 'node:fs/promises';
import { BatchReviewMethods } from '../../../native-models/service/batch-review.ts';
import { ImageStore } from '../../../native-models/service/image-store.ts';

const [inputDir, outputDir, input, maskFile, killAt] = process.argv.slice(2) as [string, string, string, string, string];
const review = new BatchReviewMethods(new ImageStore(), {
  commitSeam: async (at) => {
    if (at !== killAt) return;
    process.stdout.write(`seam ${at}\n`);
    await new Promise(() => undefined); // until killed
  },
});
const mask = { image: { mimeType: 'image/png' as const, base64: (await fs.readFile(maskFile)).toString('base64') } };
await review.saveBatchReview({ inputDir, outputDir, input, mask });
process.stdout.write('saved\n');
