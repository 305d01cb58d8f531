// Connection slice: whether the host answers (the transport's ConnectionStatus, fed in by connectStoreToConnection),
// and the catch-up after a reconnect. Events sent while the page was away are lost, so everything they would
// have changed is fetched again: the jobs (and the state of the job the Studio or the Batch panel follows),
// the models, the health, the gallery once opened, the settings once loaded.
import type { StateCreator } from 'zustand/vanilla';
import type { JobUpdateEvent, TesseraApi } from '../../../native-models/api/index.ts';
import type { ConnectionState, ConnectionStatus } from '../bridge/connection-status.ts';
import { isBatchActive, isGenerating, type AppState, type AppStore, type ConnectionSlice } from './app-state.ts';

export function createConnectionSlice(api: TesseraApi): StateCreator<AppState, [], [], ConnectionSlice> {
  /** The followed job as the host knows it now; a host that lost it (not restorable) says so as a failure. */
  const currentState = async (jobId: string, kind: JobUpdateEvent['kind']): Promise<JobUpdateEvent> => {
    try {
      return await api.getJob({ jobId });
    } catch {
      const message = `got no job ${jobId} from the host after it came back, expected the job the page was following (it did not survive the restart; Retry from the queue if it is listed)`;
      return { jobId, kind, modelId: '', state: 'failed', error: { code: 'INTERNAL', message } };
    }
  };

  /** The error shown when the host went away: one shown after it came from a call that could not reach the host. */
  let errorAtDisconnect: AppState['error'] = null;

  return (set, get) => ({
    connection: 'connecting',

    setConnection(state) {
      const previous = get().connection;
      if (state === previous) return;
      set({ connection: state });
      if (state === 'reconnecting') errorAtDisconnect = get().error;
      if (state === 'connected' && previous === 'reconnecting') {
        // "no answer from the host" is stale once it answers again (the banner said so meanwhile).
        if (get().error !== errorAtDisconnect) get().dismissError();
        void get().catchUpAfterReconnect();
      }
    },

    async catchUpAfterReconnect() {
      // Progress shown from before the drop is stale (the restored job starts over): "starting…" until it reports.
      set((s) => ({ jobProgress: {}, progress: isGenerating(s.status) ? null : s.progress }));
      const s = get();
      const reloads: Promise<void>[] = [s.loadJobs(), s.loadModels(), s.loadHealth()];
      if (s.galleryStatus !== 'idle') reloads.push(s.loadHistory());
      if (s.batchGroupsLoaded) reloads.push(s.loadBatchGroups());
      if (s.settings) reloads.push(s.loadSettings());
      if (s.jobId && isGenerating(s.status)) {
        const job = await currentState(s.jobId, 'generate');
        get().handleJobUpdate(job);
      }
      const { batchJobId, batchStatus } = get();
      if (batchJobId && isBatchActive(batchStatus)) get().handleBatchJobUpdate(await currentState(batchJobId, 'batch'));
      await Promise.all(reloads);
    },
  });
}

/** Feeds the transport's connection state into the store. Returns the unsubscribe. */
export function connectStoreToConnection(store: AppStore, connection: ConnectionStatus): () => void {
  const apply = (state: ConnectionState) => store.getState().setConnection(state);
  apply(connection.state);
  return connection.subscribe(apply);
}
