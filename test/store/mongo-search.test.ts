import { runSearchContract } from '../contracts/search-contract.js';
import type { MongoStore } from '../../src/store/mongo/index.js';
import { mongoTarget } from '../support/mongo-wire/target.js';

const target = mongoTarget();
runSearchContract(
  `mongodb (${target.kind === 'real' ? 'MONGODB_URI' : 'wire test server'})`,
  () => target.make(),
  // Erase (another module) updates the message through the model: the hook must follow it.
  async (store, id, text) => {
    await (store as MongoStore).models.messages
      .updateOne({ _id: id }, { $set: { text }, $unset: { fullText: '' } })
      .exec();
  },
);
