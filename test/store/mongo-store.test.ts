import { runStoreContract } from '../contracts/store-contract.js';
import { mongoTarget } from '../support/mongo-wire/target.js';

const target = mongoTarget();
runStoreContract(`mongodb (${target.kind === 'real' ? 'MONGODB_URI' : 'wire test server'})`, () =>
  target.make(),
);
