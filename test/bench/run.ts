import { runEngineBench } from './engine';

/** `npm run bench`: the engine benchmark (the board benchmark is `npm run bench:board`). */
await runEngineBench();
