/** The embedded store's remembered answers (src/core/answers). */
import type Database from 'better-sqlite3';
import type { RememberedAnswer } from '../../core/answers/record.js';
import type { Intent } from '../../core/model.js';
import type { Store } from '../../core/ports.js';
import type { GroupCommit } from './group-commit.js';

type Prepare = (sql: string) => Database.Statement;

interface AnswerRow {
  id: string;
  language: string;
  intent: string;
  questions: string;
  text: string;
  draft_id: string;
  customer_id: string;
  answered_at: number;
  created_at: number;
  updated_at: number;
  autopilot: number;
}

function toAnswer(row: AnswerRow): RememberedAnswer {
  return {
    id: row.id,
    language: row.language,
    intent: row.intent as Intent,
    questions: JSON.parse(row.questions) as string[],
    text: row.text,
    draftId: row.draft_id,
    customerId: row.customer_id,
    answeredAt: new Date(row.answered_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    ...(row.autopilot ? { autopilot: true } : {}),
  };
}

type AnswerMethods = Pick<Store, 'putAnswer' | 'getAnswer' | 'listAnswers' | 'deleteAnswer'>;

export function createSqliteAnswers(st: Prepare, commits: GroupCommit): AnswerMethods {
  return {
    putAnswer(a) {
      return commits.write(() => {
        st(
          `INSERT INTO answers (id, language, intent, questions, text, draft_id, customer_id, answered_at,
             created_at, updated_at, autopilot)
           VALUES (@id, @language, @intent, @questions, @text, @draft_id, @customer_id, @answered_at,
             @created_at, @updated_at, @autopilot)
           ON CONFLICT (id) DO UPDATE SET language = excluded.language, intent = excluded.intent,
             questions = excluded.questions, text = excluded.text, draft_id = excluded.draft_id,
             customer_id = excluded.customer_id, answered_at = excluded.answered_at,
             updated_at = excluded.updated_at, autopilot = excluded.autopilot`,
        ).run({
          id: a.id,
          language: a.language,
          intent: a.intent,
          questions: JSON.stringify(a.questions),
          text: a.text,
          draft_id: a.draftId,
          customer_id: a.customerId,
          answered_at: a.answeredAt.getTime(),
          created_at: a.createdAt.getTime(),
          updated_at: a.updatedAt.getTime(),
          autopilot: a.autopilot ? 1 : 0,
        });
      });
    },
    async getAnswer(id) {
      const row = st('SELECT * FROM answers WHERE id = ?').get(id) as AnswerRow | undefined;
      return row && toAnswer(row);
    },
    async listAnswers(language) {
      const rows = (
        language === undefined
          ? st('SELECT * FROM answers ORDER BY created_at, id').all()
          : st('SELECT * FROM answers WHERE language = ? ORDER BY created_at, id').all(language)
      ) as AnswerRow[];
      return rows.map(toAnswer);
    },
    deleteAnswer(id) {
      return commits.write(() => st('DELETE FROM answers WHERE id = ?').run(id).changes === 1);
    },
  };
}
