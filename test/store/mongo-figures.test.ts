import { runFiguresContract } from '../contracts/figures-contract.js';
import { mongoTarget } from '../support/mongo-wire/target.js';

const target = mongoTarget();
runFiguresContract(`mongodb (${target.kind === 'real' ? 'MONGODB_URI' : 'wire test server'})`, () =>
  target.make(),
);
