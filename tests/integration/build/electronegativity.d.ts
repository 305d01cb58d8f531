// The programmatic entry of @doyensec/electronegativity (dist/runner.js), which ships no types: the options
// and the result fields the security checklist test uses.
declare module '@doyensec/electronegativity' {
  interface ElectronegativityOptions {
    input: string;
    customScan?: string[];
    /** Check class names, e.g. "AvailableSecurityFixesGlobalCheck". */
    excludeFromScan?: string[];
    electronVersionOverride?: string;
    parserPlugins?: string[];
    isRelative?: boolean;
  }
  interface ElectronegativityIssue {
    id: string;
    file: string;
    sample: string;
    location: { line: number; column: number };
    description: string;
    severity: { name?: string } | string;
    confidence: { name?: string } | string;
  }
  interface ElectronegativityResult {
    globalChecks: number;
    atomicChecks: number;
    errors: { file: string; message: string; tolerable: boolean }[];
    issues: ElectronegativityIssue[];
  }
  export default function run(options: ElectronegativityOptions, forCli: false): Promise<ElectronegativityResult>;
}
