// The Objects panel in the Studio's dock: the image's named objects (colour, name, visibility, remove; per object:
// Select as the selection, its cut-out PNG, its COCO annotation) and all of them as COCO instance JSON or YOLO-seg
// labels (+ classes.txt), the files the CLI's --coco / --yolo write.
import type { AnnotationFormat } from '../../../../native-models/api/index.ts';
import { OBJECT_PALETTE, type CanvasObject } from '../../store/canvas/canvas-objects.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { downloadFile, downloadText } from './canvas-export.ts';

function ObjectRow({ object }: { object: CanvasObject }) {
  const rename = useAppStore((s) => s.renameObject);
  const setVisible = useAppStore((s) => s.setObjectVisible);
  const remove = useAppStore((s) => s.removeObject);
  const select = useAppStore((s) => s.selectObject);
  const exportCutout = useAppStore((s) => s.exportObjectCutout);
  const saveCutout = async () => {
    const file = await exportCutout(object.id);
    if (file) downloadFile(file);
  };
  const exportObjects = useAppStore((s) => s.exportObjects);
  const saveAnnotation = async () => {
    for (const file of (await exportObjects('coco', object.id)) ?? []) downloadText(file.path, file.text, 'application/json');
  };
  const [r, g, b] = OBJECT_PALETTE[object.colour]!;
  return (
    <li className="object-row">
      <span className="object-swatch" style={{ background: `rgb(${r} ${g} ${b})` }} aria-hidden="true" />
      {/* Renamed on Enter or leaving the field: one undo step per rename, not one per key. The key on the name
          resets the field when undo brings an older name back. */}
      <input
        key={object.name}
        className="input"
        aria-label={`Name of ${object.name}`}
        defaultValue={object.name}
        onBlur={(e) => rename(object.id, e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
      <input type="checkbox" checked={object.visible} onChange={(e) => setVisible(object.id, e.currentTarget.checked)} aria-label={`Show ${object.name}`} />
      <button type="button" className="button icon" onClick={() => remove(object.id)} aria-label={`Remove ${object.name}`} title="Remove">
        ×
      </button>
      {/* On a line of their own, so the name keeps its width in a narrow dock. */}
      <div className="object-actions">
        <button type="button" className="button small" onClick={() => select(object.id)} aria-label={`Select ${object.name}`} title="Make this object's mask the selection (inpainting mask, cut-out …)">
          Select
        </button>
        <button type="button" className="button small" onClick={() => void saveCutout()} aria-label={`Save cut-out of ${object.name}`} title="This object alone as a transparent PNG (the export menu's crop and feather options)">
          PNG
        </button>
        <button type="button" className="button small" onClick={() => void saveAnnotation()} aria-label={`COCO JSON of ${object.name}`} title="This object's annotation alone as COCO instance JSON">
          COCO
        </button>
      </div>
    </li>
  );
}

export function ObjectsPanel() {
  const objects = useAppStore((s) => s.canvas.objects);
  const hasImage = useAppStore((s) => s.canvas.image !== null);
  const exportObjects = useAppStore((s) => s.exportObjects);
  if (!hasImage) return null;
  const save = async (format: AnnotationFormat) => {
    const files = await exportObjects(format);
    for (const file of files ?? []) downloadText(file.path, file.text, format === 'coco' ? 'application/json' : 'text/plain');
  };
  return (
    <section className="panel objects-panel" aria-labelledby="objects-heading">
      <h2 id="objects-heading">Objects</h2>
      {objects.length === 0 ? (
        <p className="tool-hint">No objects yet: “Add as object” keeps a selection, “Segment everything” finds them all.</p>
      ) : (
        <ul className="object-list" aria-label="Objects">
          {objects.map((o) => (
            <ObjectRow key={o.id} object={o} />
          ))}
        </ul>
      )}
      <div className="button-row" role="group" aria-label="Annotation files">
        <button type="button" className="button" onClick={() => void save('coco')} disabled={objects.length === 0} title="COCO instance JSON: one annotation per object, categories from the names">
          COCO JSON
        </button>
        <button type="button" className="button" onClick={() => void save('yolo')} disabled={objects.length === 0} title="YOLO-seg: the image's label file and classes.txt">
          YOLO labels
        </button>
      </div>
    </section>
  );
}
