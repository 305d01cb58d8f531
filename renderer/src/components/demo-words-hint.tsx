// Under the prompt when a demo model is picked: the words its text encoder understands and what it paints (from
// the model list, written by the demo pack), so "a cat" giving a gray square is no surprise.
import { useAppStore } from '../store/store-context.tsx';

export function DemoWordsHint() {
  const demoPrompt = useAppStore((s) => s.models.find((m) => m.id === s.selectedModelId)?.report.demoPrompt);
  if (!demoPrompt) return null;
  return (
    <div className="field-hint demo-words" role="note" aria-label="Words the demo model understands">
      <p>{demoPrompt.hint}</p>
      <p>
        Understands: <span className="demo-word-list">{demoPrompt.words.join(', ')}</span>
      </p>
    </div>
  );
}
