// The Generate form's "X/Y plot" section (collapsed): an axis and its values for x and optionally y; "Queue X/Y
// plot" queues one grid job with the form's other settings. The queue row counts its cells; every cell and the
// labelled grid land in the gallery.
import { useState } from 'react';
import { XY_AXES, XY_AXIS_TITLES, type XyAxisName } from '../../../native-models/api/index.ts';
import { DEFAULT_XY_PLOT_FORM, XY_GRID_LIMITS, XY_VALUE_EXAMPLES, xyCellCount, type XyPlotForm } from '../store/xy-plot-form.ts';
import { useAppStore } from '../store/store-context.tsx';
import { cannotDoReason } from './model-capability.ts';

function AxisRow({ which, form, change }: { which: 'x' | 'y'; form: XyPlotForm; change: (next: Partial<XyPlotForm>) => void }) {
  const axis = which === 'x' ? form.xAxis : form.yAxis;
  const values = which === 'x' ? form.xValues : form.yValues;
  const label = which === 'x' ? 'X' : 'Y';
  return (
    <div className="field-row xy-axis-row">
      <div className="field">
        <label htmlFor={`xy-${which}-axis`}>{label} axis</label>
        <select id={`xy-${which}-axis`} className="input" value={axis} onChange={(e) => change(which === 'x' ? { xAxis: e.currentTarget.value as XyAxisName } : { yAxis: e.currentTarget.value as XyAxisName | 'none' })}>
          {which === 'y' && <option value="none">None</option>}
          {XY_AXES.map((name) => (
            <option key={name} value={name}>
              {XY_AXIS_TITLES[name]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={`xy-${which}-values`}>{label} values</label>
        <input
          id={`xy-${which}-values`}
          className="input"
          value={values}
          disabled={axis === 'none'}
          placeholder={axis === 'none' ? '' : XY_VALUE_EXAMPLES[axis]}
          spellCheck={false}
          onChange={(e) => change(which === 'x' ? { xValues: e.currentTarget.value } : { yValues: e.currentTarget.value })}
        />
      </div>
    </div>
  );
}

export function XyPlotSection() {
  const [form, setForm] = useState<XyPlotForm>(DEFAULT_XY_PLOT_FORM);
  const queue = useAppStore((s) => s.addXyPlotToQueue);
  const cannot = useAppStore((s) => cannotDoReason(s.models, s.selectedModelId, 'txt2img'));
  const change = (next: Partial<XyPlotForm>) => setForm((f) => ({ ...f, ...next }));
  const cells = xyCellCount(form);
  const tooMany = cells > XY_GRID_LIMITS.cells;
  return (
    <details className="xy-plot">
      <summary>X/Y plot</summary>
      <AxisRow which="x" form={form} change={change} />
      <AxisRow which="y" form={form} change={change} />
      <p className={tooMany ? 'field-error' : 'field-hint'}>
        {tooMany ? `${cells} cells, expected at most ${XY_GRID_LIMITS.cells}` : `${cells} cell${cells === 1 ? '' : 's'}`}; comma-separated values, Prompt S/R replaces its first value.
      </p>
      <button type="button" className="button" disabled={cells === 0 || tooMany || cannot !== null} onClick={() => void queue(form)}>
        Queue X/Y plot
      </button>
    </details>
  );
}
