import { createEngine, createFakeEngine } from '../src/index.ts';
import { engineContract } from './engine-contract.ts';

engineContract('onnxruntime cpu', () => createEngine({ ep: 'cpu', threads: 2 }));
engineContract('fake', async () => createFakeEngine());
