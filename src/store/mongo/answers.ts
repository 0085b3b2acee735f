/** The MongoDB store's remembered answers (src/core/answers). */
import { Schema, type Connection, type Model } from 'mongoose';
import type { RememberedAnswer } from '../../core/answers/record.js';
import type { Intent } from '../../core/model.js';
import type { Store } from '../../core/ports.js';

const OPTIONS = { versionKey: false, strict: true, autoIndex: false, autoCreate: false } as const;

type Doc = Record<string, unknown>;
type AnswerMethods = Pick<Store, 'putAnswer' | 'getAnswer' | 'listAnswers' | 'deleteAnswer'>;

function answerSchema(): Schema {
  const s = new Schema(
    {
      _id: String,
      language: { type: String, required: true },
      intent: { type: String, required: true },
      questions: { type: [String], default: [] },
      text: { type: String, required: true },
      draftId: { type: String, required: true },
      customerId: { type: String, required: true },
      answeredAt: { type: Date, required: true },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      autopilot: { type: Boolean, default: false },
    },
    OPTIONS,
  );
  s.index({ language: 1, createdAt: 1 }, { name: 'answers_language' });
  return s;
}

function toAnswer(d: Doc): RememberedAnswer {
  return {
    id: d._id as string,
    language: d.language as string,
    intent: d.intent as Intent,
    questions: [...((d.questions as string[] | undefined) ?? [])],
    text: d.text as string,
    draftId: d.draftId as string,
    customerId: d.customerId as string,
    answeredAt: d.answeredAt as Date,
    createdAt: d.createdAt as Date,
    updatedAt: d.updatedAt as Date,
    ...(d.autopilot === true ? { autopilot: true } : {}),
  };
}

export interface MongoAnswers extends AnswerMethods {
  migrate(): Promise<void>;
}

export function createMongoAnswers(conn: Connection): MongoAnswers {
  const answers: Model<Doc> = conn.model<Doc>('answers', answerSchema(), 'answers');
  return {
    async migrate() {
      await answers.createIndexes();
    },
    async putAnswer(a) {
      const { id, createdAt, ...rest } = a;
      await answers
        .updateOne(
          { _id: id },
          // autopilot explicitly: an update drops undefined keys, and a put without it means off.
          {
            $set: { ...rest, questions: [...a.questions], autopilot: a.autopilot === true },
            $setOnInsert: { createdAt },
          },
          { upsert: true },
        )
        .exec();
    },
    async getAnswer(id) {
      const doc = await answers.findById(id).lean<Doc | null>().exec();
      return doc ? toAnswer(doc) : undefined;
    },
    async listAnswers(language) {
      const docs = await answers
        .find(language === undefined ? {} : { language })
        .sort({ createdAt: 1, _id: 1 })
        .lean<Doc[]>()
        .exec();
      return docs.map(toAnswer);
    },
    async deleteAnswer(id) {
      const r = await answers.deleteOne({ _id: id }).exec();
      return r.deletedCount === 1;
    },
  };
}
