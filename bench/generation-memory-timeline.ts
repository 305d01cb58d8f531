// VmRSS/VmHWM of one 512² text-to-image generation at each stage boundary (opened, each step, each decoded image):
// shows which stage holds what. Usage: node --import tsx bench/generation-memory-timeline.ts DIR/sd15-full [--low-memory]
import { memoryLine } from './stats.ts';
import { DiffusionModel, generateImages } from '../native-models/pipelines/diffusion/index.ts';
import { SessionCache } from '../native-models/runtime/index.ts';

const [dir, ...flags] = process.argv.slice(2);
const started = performance.now();
const mark = (what: string) => console.log(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${what.padEnd(16)} ${memoryLine()}`);
const sessions = new SessionCache({ provider: 'cpu', lowMemory: flags.includes('--low-memory') });
mark('start');
// the mode asked for: the guard is not measured here
const model = await DiffusionModel.open(dir!, sessions, { availableBytes: Number.POSITIVE_INFINITY });
mark('opened');
const request = { prompt: 'a lighthouse on a cliff', negativePrompt: 'blurry', steps: 2, guidance: 7.5, seed: 1, width: 512, height: 512 };
await generateImages(model, request, { onProgress: (p) => mark(`step ${p.step}`), onImage: () => mark('image decoded') });
await sessions.releaseAll();
mark('released');
