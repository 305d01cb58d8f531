// First run: with no usable model installed and no demo pack yet, write the synthetic demo pack so the app
// works at once. Runs once per service; its state is what getHealth reports as `demoPack`.
import { toWireError, type Health } from '../api/index.ts';
import { makeDemoPack } from '../demo/make-demo-pack.ts';
import type { ModelRegistry } from './model-registry.ts';

export type DemoPackStatus = Health['demoPack'];

export class DemoPackBootstrap {
  status: DemoPackStatus = { state: 'absent', path: null };
  private running: Promise<DemoPackStatus> | undefined;

  constructor(private readonly registry: ModelRegistry) {}

  /** Creates the pack when needed (once per service) and resolves to its status. */
  ensure(): Promise<DemoPackStatus> {
    this.running ??= this.run();
    return this.running;
  }

  private async run(): Promise<DemoPackStatus> {
    const dir = this.registry.demoPackDir;
    if (await this.registry.hasDemoPack()) return (this.status = { state: 'ready', path: dir });
    const usable = (await this.registry.list()).some((m) => m.report.usable);
    if (usable) return this.status;
    this.status = { state: 'creating', path: dir };
    try {
      await makeDemoPack(dir);
      this.status = { state: 'ready', path: dir };
    } catch (error) {
      this.status = { state: 'failed', path: dir, error: toWireError(error) };
    }
    return this.status;
  }
}
