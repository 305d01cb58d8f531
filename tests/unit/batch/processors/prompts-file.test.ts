// Prompts files: plain lines, JSON lines with options, comments and blanks ignored, bad lines kept as errors.
import { describe, expect, it } from 'vitest';
import { parsePromptsText } from '../../../../native-models/batch/processors/prompts-file.ts';

describe('parsePromptsText', () => {
  it('reads plain and JSON lines with their 1-based line numbers', () => {
    const text = '# comment\na red circle\n\n{"prompt": "a blue square", "negative": "red", "seed": 7, "count": 2}\r\n  a green disc  \n';
    expect(parsePromptsText(text)).toEqual([
      { line: 2, prompt: 'a red circle', options: {} },
      { line: 4, prompt: 'a blue square', options: { negativePrompt: 'red', seed: 7, count: 2 } },
      { line: 5, prompt: 'a green disc', options: {} },
    ]);
  });

  it.each([
    ['{"prompt": "x", "sed": 1}', /unknown option "sed"/],
    ['{"prompt": 3}', /prompt: got 3, expected a string/],
    ['{"prompt": "x", "steps": "ten"}', /steps: got "ten", expected a number/],
    ['{"prompt": "x", "count": 0}', /count: got 0, expected an integer from 1 to 1000/],
    ['{not json', /not valid JSON/],
  ])('%s is an error on its line, not a crash', (line, message) => {
    const [parsed] = parsePromptsText(`ok\n${line}`).slice(1);
    expect(parsed.line).toBe(2);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});
