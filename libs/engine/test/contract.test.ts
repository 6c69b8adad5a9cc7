import { createEngine } from '../src/index.ts';
import { engineContract } from './engine-contract.ts';

engineContract('onnxruntime cpu', () => createEngine({ ep: 'cpu', threads: 2 }));
