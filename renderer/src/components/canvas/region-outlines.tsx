// Segment everything's regions drawn as outlines over the image (in the interactive layer, under the view's
// transform, strokes kept at screen width): the hovered one filled pale, the picked ones filled stronger.
import { useMemo } from 'react';
import { outlinePath } from '../../store/canvas/canvas-objects.ts';
import type { CanvasView } from '../../store/canvas/canvas-view.ts';
import { useAppStore } from '../../store/store-context.tsx';

export function RegionOutlines({ view }: { view: CanvasView }) {
  const regions = useAppStore((s) => s.canvas.regions);
  const picked = useAppStore((s) => s.canvas.picked);
  const hovered = useAppStore((s) => s.hoverRegion);
  // Paths are built once per result (a region's outline has hundreds of points), not per pointer move.
  const paths = useMemo(() => regions.map((r) => outlinePath(r.outline)), [regions]);
  if (regions.length === 0) return null;
  const state = (i: number) => (picked.includes(i) ? 'picked' : i === hovered ? 'hovered' : 'idle');
  return (
    <g className="region-outlines" data-testid="region-outlines" transform={`translate(${view.x} ${view.y}) scale(${view.zoom})`}>
      {/* Largest first, so smaller regions lying on larger ones are drawn on top. */}
      {paths
        .map((d, i) => ({ d, i, area: regions[i]!.area }))
        .sort((a, b) => b.area - a.area)
        .map(({ d, i }) => (
          <path key={i} className={`region-outline ${state(i)}`} data-region={i} data-state={state(i)} d={d} fillRule="evenodd" vectorEffect="non-scaling-stroke" />
        ))}
    </g>
  );
}
