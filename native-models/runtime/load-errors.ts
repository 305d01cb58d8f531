// Turns ONNX Runtime's load-time error strings into Tessera errors a user can act on.
import { TesseraError } from '../api/errors.ts';

/** Maps an ORT session-creation failure for `modelPath` to a specific TesseraError (never a raw stack). */
export function classifyLoadError(modelPath: string, error: unknown): TesseraError {
  const raw = error instanceof Error ? error.message : String(error);
  // ORT prints the C++ source location first; the useful part is after the last "FAIL :" or the whole line.
  // eslint-disable-next-line no-control-regex -- strips the ANSI colour codes ORT wraps its log text in
  const message = raw.replace(/\u001b\[[0-9;]*m/g, '').trim();
  const missingExternal = /External data path does not exist: "?([^"\n]+)"?/.exec(message);
  if (missingExternal) {
    return new TesseraError('EXTERNAL_DATA_MISSING', `${modelPath}: its external-data file ${missingExternal[1]} is missing (real exports over 2 GB keep weights in model.onnx_data or weights.pb next to model.onnx)`, { modelPath });
  }
  if (/GetExtDataFromTensorProto|out of bounds or can not be read/.test(message)) {
    return new TesseraError('EXTERNAL_DATA_MISSING', `${modelPath}: its external-data file is truncated or unreadable (${message.split('GetExtDataFromTensorProto').pop()?.trim()})`, { modelPath });
  }
  if (/File doesn't exist|No such file/.test(message)) {
    return new TesseraError('MODEL_FILE_MISSING', `${modelPath}: file not found`, { modelPath });
  }
  if (/Protobuf parsing failed|ModelProto does not have a graph|Invalid model|INVALID_PROTOBUF/i.test(message)) {
    return new TesseraError('MODEL_FILE_CORRUPT', `${modelPath}: not a valid ONNX model (truncated or not ONNX: ${message.split(':').pop()?.trim()})`, { modelPath });
  }
  return new TesseraError('MODEL_INVALID', `${modelPath}: ONNX Runtime could not load it: ${message}`, { modelPath });
}
