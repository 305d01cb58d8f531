// Runs the provider probe graph in a child Node process: a provider's native code may print driver warnings
// straight to the process's stderr (Dawn: "Couldn't load Vulkan … at operator() …" on a machine without Vulkan)
// or crash outright, and neither may reach the user's terminal or take down the host. The child gets the graph
// over stdin and prints only the output values; the parent judges them.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** What a probe run gave: the output values, or the provider's error text. */
export interface ProbeRun {
  y?: number[];
  error?: string;
}

// Plain JavaScript (no loader needed), so the child starts as fast as Node does.
const CHILD_SCRIPT = `
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const ort = require(job.ortPath);
  let session;
  try {
    session = await ort.InferenceSession.create(Buffer.from(job.model, 'base64'), { executionProviders: [job.provider], logSeverityLevel: 4 });
    const result = await session.run({ x: new ort.Tensor('float32', Float32Array.from(job.input), [1, job.input.length]) });
    process.stdout.write(JSON.stringify({ y: Array.from(result.y ? result.y.data : []) }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  } finally {
    if (session) await session.release().catch(() => undefined);
  }
});
`;

export function runProbeInChild(provider: string, model: Uint8Array, input: number[]): Promise<ProbeRun> {
  const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    // Driver chatter goes nowhere: the child's answer is on stdout, its stderr is not the user's business.
    child.stderr.resume();
    child.on('error', (error) => resolve({ error: `the probe process did not start: ${error.message}` }));
    child.on('close', (code, signal) => {
      try {
        resolve(JSON.parse(stdout) as ProbeRun);
      } catch {
        resolve({ error: signal ? `the probe process was killed by ${signal}` : `the probe process exited with ${code} and no answer` });
      }
    });
    child.stdin.end(JSON.stringify({ ortPath, provider, model: Buffer.from(model).toString('base64'), input }));
  });
}
