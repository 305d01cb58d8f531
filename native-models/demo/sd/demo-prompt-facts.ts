// The words the demo text encoder understands, written into each demo diffusion folder (`tessera_demo.json`) so
// the model list can show them in the Studio: the demo is not a trained model, other words change nothing.
import { DEMO_COLOURS, DEMO_SHAPES, DEMO_WORDS } from './demo-sd-spec.ts';

/** Read by models/demo-prompt-file.ts; the name is the contract between the two. */
export const DEMO_PROMPT_FILE = 'tessera_demo.json';

export function demoPromptFacts(): { words: string[]; hint: string } {
  return {
    words: DEMO_WORDS.map((w) => w.word),
    hint:
      `A synthetic demo, not a trained model: it paints one colour (${DEMO_COLOURS.map((c) => c.name).join(', ')}; several are averaged) ` +
      `in one shape (${DEMO_SHAPES.join(', ')}; none = the whole image) on a background: mid-gray, or the colour named after "on" ` +
      `or just before "background" ("blue square on yellow", "a yellow background, red circle"). Other words are ignored. ` +
      // Why 0.3 and 0.8 look alike: the UNet predicts the exact noise towards the prompt's picture at every step.
      `Image-to-image lands on the prompt's picture at any strength: the demo UNet is an exact oracle, not a model that keeps the init.`,
  };
}
