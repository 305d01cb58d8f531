// X/Y plots: the grid runner (cells by the host's generation path, then the labelled grid PNG).
export { gridExtra, runXyGrid, type GridCellResult, type RunXyGridOptions, type XyGridOutcome } from './run-xy-grid.ts';
